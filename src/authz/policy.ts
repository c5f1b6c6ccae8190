import type { AgencyKind } from '../common/agency';
import type { Identity } from '../common/identity';
import { GrantEffect, type ActiveGrant } from './grant-types';
import type { Units } from './records';
import { MaskStrategy, SharingClass } from './sensitivity';

/** The outcome for one field of one record (DESIGN.md §4). */
export type Decision =
  | { effect: 'ALLOW'; basis: 'OWNER' | 'CO_OWNER' | 'OPEN' | 'GRANT'; grantId: string | null }
  | { effect: 'MASK'; strategy: MaskStrategy; grantId: string }
  | { effect: 'DENY'; reason: string };

export interface FieldPolicy {
  typeName: string;
  fieldName: string;
  level: SharingClass;
  defaultMask: MaskStrategy | null;
  /** RESTRICTED fields only: agency kinds that read it like the owner. */
  sharedWith?: string[];
  /** RESTRICTED fields only: the roles of the owning agency that read it (all when empty). */
  ownerRoles?: string[];
}

/** Which records of a type a caller may see at all: every unit, or these units; minus recused ones. */
export type RowScope = { all: true; exceptUnits: string[]; exceptRegions: string[] } | { all: false; units: string[] };

/**
 * Evaluates the permission model for one request. Decisions depend only on
 * (type, field, unit), so they are memoised: a list of 2,000 rows of 40 units
 * costs 40 evaluations per field, not 2,000.
 */
export class PolicyEvaluator {
  private readonly memo = new Map<string, Decision>();
  readonly isOwner: boolean;

  constructor(
    readonly identity: Identity,
    owner: AgencyKind | null,
    private readonly now: Date = new Date(),
  ) {
    this.isOwner = owner !== null && identity.agencyKind === owner;
  }

  /**
   * 回避: the caller works or worked for the unit, or the unit is registered in the
   * caller's home region. A record concerning several units is recused when any is.
   */
  recused(units: Units): boolean {
    if (!units) return false;
    if (typeof units !== 'string') return units.some((u) => this.recusedFrom(u));
    return this.recusedFrom(units);
  }

  private recusedFrom(unit: string): boolean {
    const { units, regions } = this.identity.recusal;
    return units.includes(unit) || regions.some((r) => unitInRegion(unit, r));
  }

  private ownerRoleMissing(field: FieldPolicy): boolean {
    return field.level === SharingClass.RESTRICTED && !!field.ownerRoles?.length && !this.identity.roles.some((r) => field.ownerRoles!.includes(r));
  }

  private coOwns(field: FieldPolicy): boolean {
    return (field.sharedWith ?? []).includes(this.identity.agencyKind);
  }

  private active(g: ActiveGrant): boolean {
    return new Date(g.validFrom) <= this.now && (!g.validTo || new Date(g.validTo) > this.now);
  }

  /** A grant limited to units covers a record only when it covers every unit the record concerns. */
  private covers(g: ActiveGrant, units: Units): boolean {
    if (g.units === null) return true;
    if (units === null) return false;
    if (typeof units === 'string') return g.units.includes(units);
    return units.length > 0 && units.every((u) => g.units!.includes(u));
  }

  private covering(typeName: string, fieldName: string, units: Units): ActiveGrant[] {
    return this.identity.grants.filter(
      (g) => g.typeName === typeName && (g.fields.length === 0 || g.fields.includes(fieldName)) && this.covers(g, units) && this.active(g),
    );
  }

  decide(field: FieldPolicy, units: Units): Decision {
    const key = `${field.typeName}.${field.fieldName}|${units === null ? '' : typeof units === 'string' ? units : units.join(',')}`;
    let d = this.memo.get(key);
    if (!d) {
      d = this.evaluate(field, units);
      this.memo.set(key, d);
    }
    return d;
  }

  private evaluate(field: FieldPolicy, units: Units): Decision {
    if (field.level === SharingClass.OPEN) return { effect: 'ALLOW', basis: 'OPEN', grantId: null };
    // Recusal always wins, over ownership and grants alike.
    if (this.recused(units)) return { effect: 'DENY', reason: 'recusal (回避): you are tied to this unit' };
    if (this.isOwner) {
      if (this.ownerRoleMissing(field)) return { effect: 'DENY', reason: "RESTRICTED: only the owning agency's staff read it" };
      return { effect: 'ALLOW', basis: 'OWNER', grantId: null };
    }
    if (field.level === SharingClass.RESTRICTED) {
      if (this.coOwns(field)) return { effect: 'ALLOW', basis: 'CO_OWNER', grantId: null };
      return { effect: 'DENY', reason: 'RESTRICTED: never shared outside the owning agency' };
    }
    const grants = this.covering(field.typeName, field.fieldName, units);
    const allow = grants.find((g) => g.effect === GrantEffect.ALLOW);
    if (allow) return { effect: 'ALLOW', basis: 'GRANT', grantId: allow.id };
    const mask = grants.find((g) => g.effect === GrantEffect.MASK && (g.mask ?? field.defaultMask));
    if (mask) return { effect: 'MASK', strategy: (mask.mask ?? field.defaultMask)!, grantId: mask.id };
    return { effect: 'DENY', reason: 'CONDITIONAL: no active grant covers this unit' };
  }

  /**
   * Records of a CONDITIONAL record type are visible to other agencies only for the
   * units some active grant on that type covers; never for recused units.
   */
  rowScope(typeName: string): RowScope {
    const { units: tied, regions } = this.identity.recusal;
    if (this.isOwner) return { all: true, exceptUnits: tied, exceptRegions: regions };
    const grants = this.identity.grants.filter((g) => g.typeName === typeName && this.active(g));
    if (grants.some((g) => g.units === null)) return { all: true, exceptUnits: tied, exceptRegions: regions };
    const units = [...new Set(grants.flatMap((g) => g.units ?? []))].filter((u) => !this.recused(u));
    return { all: false, units };
  }

  /**
   * No oracles: filtering, sorting or grouping by a field needs clear-text read
   * access to it on every record the caller could see; otherwise the answer itself
   * would disclose the field.
   */
  mayQueryBy(field: FieldPolicy): boolean {
    if (field.level === SharingClass.OPEN) return true;
    if (field.level === SharingClass.RESTRICTED) {
      return ((this.isOwner && !this.ownerRoleMissing(field)) || this.coOwns(field)) && !this.identity.recusal.units.length && !this.identity.recusal.regions.length;
    }
    const scope = this.rowScope(field.typeName);
    if (this.isOwner) return true;
    if (scope.all) {
      return this.covering(field.typeName, field.fieldName, null).some((g) => g.effect === GrantEffect.ALLOW && g.units === null);
    }
    return scope.units.every((u) => this.decide(field, u).effect === 'ALLOW');
  }
}

/**
 * A unit is in a region when the region code of its 统一社会信用代码 (characters
 * 3-8, the registering authority's division) falls inside it. City codes end in
 * 00 and cover every district below them.
 */
export function unitInRegion(creditCode: string, region: string): boolean {
  const unitRegion = creditCode.slice(2, 8);
  if (region.length !== 6) return false;
  if (region.endsWith('0000')) return unitRegion.startsWith(region.slice(0, 2));
  if (region.endsWith('00')) return unitRegion.startsWith(region.slice(0, 4));
  return unitRegion === region;
}
