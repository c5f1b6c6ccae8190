import type { AgencyKind } from '../common/agency';
import type { Identity } from '../common/identity';
import { GrantEffect, type ActiveGrant } from './grant-types';
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

  /** 回避: the caller works or worked for the unit, or the unit is registered in the caller's home region. */
  recused(unit: string | null): boolean {
    if (!unit) return false;
    const { units, regions } = this.identity.recusal;
    return units.includes(unit) || regions.some((r) => unitInRegion(unit, r));
  }

  private coOwns(field: FieldPolicy): boolean {
    return (field.sharedWith ?? []).includes(this.identity.agencyKind);
  }

  private active(g: ActiveGrant): boolean {
    return new Date(g.validFrom) <= this.now && (!g.validTo || new Date(g.validTo) > this.now);
  }

  private covering(typeName: string, fieldName: string, unit: string | null): ActiveGrant[] {
    return this.identity.grants.filter(
      (g) =>
        g.typeName === typeName &&
        (g.fields.length === 0 || g.fields.includes(fieldName)) &&
        (g.units === null || (unit !== null && g.units.includes(unit))) &&
        this.active(g),
    );
  }

  decide(field: FieldPolicy, unit: string | null): Decision {
    const key = `${field.typeName}.${field.fieldName}|${unit ?? ''}`;
    let d = this.memo.get(key);
    if (!d) {
      d = this.evaluate(field, unit);
      this.memo.set(key, d);
    }
    return d;
  }

  private evaluate(field: FieldPolicy, unit: string | null): Decision {
    if (field.level === SharingClass.OPEN) return { effect: 'ALLOW', basis: 'OPEN', grantId: null };
    // Recusal always wins, over ownership and grants alike.
    if (this.recused(unit)) return { effect: 'DENY', reason: 'recusal (回避): you are tied to this unit' };
    if (this.isOwner) return { effect: 'ALLOW', basis: 'OWNER', grantId: null };
    if (field.level === SharingClass.RESTRICTED) {
      if (this.coOwns(field)) return { effect: 'ALLOW', basis: 'CO_OWNER', grantId: null };
      return { effect: 'DENY', reason: 'RESTRICTED: never shared outside the owning agency' };
    }
    const grants = this.covering(field.typeName, field.fieldName, unit);
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
    if (field.level === SharingClass.RESTRICTED) return (this.isOwner || this.coOwns(field)) && !this.identity.recusal.units.length && !this.identity.recusal.regions.length;
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
