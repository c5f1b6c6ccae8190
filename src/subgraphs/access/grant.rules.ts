import type { EntityManager } from 'typeorm';
import type { CatalogEntry } from '../../authz/catalog';
import { fieldsOf } from '../../authz/catalog';
import { GrantEffect, GrantScopeKind, GrantSubjectKind } from '../../authz/grant-types';
import { maskAtLeastAsStrong, maskFitsField } from '../../authz/masks';
import { MaskStrategy, SharingClass } from '../../authz/sensitivity';
import { Role } from '../../common/agency';
import { creditCodeProblem } from '../../common/codes';
import { badInput, forbidden } from '../../common/errors';
import type { Identity } from '../../common/identity';
import { isUuid } from '../../common/loaders';
import { Agency } from './agency.entity';
import type { Grant } from './grant.entity';
import { Principal } from './principal.entity';

/**
 * Who may manage grants on a type: admins on every type, officers of the owning
 * agency on their agency's types only (an agency decides what it shares).
 */
export async function assertMayManage(identity: Identity, typeName: string, fieldNames: string[]): Promise<Map<string, CatalogEntry>> {
  const fields = await fieldsOf(typeName);
  if (!fields.size) throw badInput(`Unknown type ${typeName}; see the catalog query`, { argument: 'typeName' });
  if (identity.roles.includes(Role.ADMIN)) return fields;
  if (identity.roles.includes(Role.AGENCY_OFFICER) && ownsAll(identity, fields, fieldNames)) return fields;
  throw forbidden(`Only admins, or officers of the agency owning every field covered, may manage grants on ${typeName}`);
}

/** Every field the grant covers (all CONDITIONAL ones when it names none) belongs to the caller's agency. */
export function ownsAll(identity: Identity, fields: Map<string, CatalogEntry>, fieldNames: string[]): boolean {
  const covered = fieldNames.length ? fieldNames.map((n) => fields.get(n)) : [...fields.values()].filter((f) => f.sensitivity === SharingClass.CONDITIONAL);
  return covered.length > 0 && covered.every((f) => f !== undefined && f.ownerAgencyKind === identity.agencyKind);
}

const problem = (field: string, message: string) => badInput(`${field}: ${message}`, { argument: field });

/** Checks fields and mask against the catalogue: only CONDITIONAL fields are grantable. */
export function checkFields(typeName: string, fields: string[], catalogFields: Map<string, CatalogEntry>, effect: GrantEffect, mask: MaskStrategy | null | undefined): void {
  const conditional = [...catalogFields.values()].filter((f) => f.sensitivity === SharingClass.CONDITIONAL);
  if (!conditional.length) throw problem('typeName', `${typeName} has no CONDITIONAL fields to grant`);
  for (const name of fields) {
    const f = catalogFields.get(name);
    if (!f) throw problem('fields', `${typeName} has no field ${name}`);
    if (f.sensitivity === SharingClass.RESTRICTED) throw problem('fields', `${typeName}.${name} is RESTRICTED: it is never shared`);
    if (f.sensitivity === SharingClass.OPEN) throw problem('fields', `${typeName}.${name} is OPEN: it needs no grant`);
  }
  if (new Set(fields).size !== fields.length) throw problem('fields', 'lists a field twice');
  if (effect === GrantEffect.ALLOW && mask) throw problem('maskStrategy', 'only a MASK grant takes a mask');
  if (effect === GrantEffect.MASK && conditional.some((f) => f.entity)) {
    // Entity types carry no maskedFields indicator (several subgraphs define them), so a masked value could pass for the real one.
    throw problem('effect', `${typeName} is a shared entity: grant ALLOW or nothing, MASK is for record types`);
  }
  if (effect === GrantEffect.MASK) {
    const covered = fields.length ? fields.map((n) => catalogFields.get(n)!) : conditional;
    for (const f of covered) {
      const strategy = mask ?? f.defaultMask;
      if (!strategy) throw problem('maskStrategy', `${typeName}.${f.fieldName} has no default mask; name one`);
      if (!maskFitsField(strategy, f)) {
        throw problem('maskStrategy', `${strategy} cannot mask ${typeName}.${f.fieldName} (${f.valueType}${f.defaultMask ? `, declared ${f.defaultMask}` : ', free text'})`);
      }
    }
  }
}

export async function checkSubject(m: EntityManager, kind: GrantSubjectKind, value: string): Promise<void> {
  const ok =
    kind === GrantSubjectKind.AGENCY
      ? isUuid(value) && (await m.getRepository(Agency).existsBy({ id: value }))
      : kind === GrantSubjectKind.PRINCIPAL
        ? isUuid(value) && (await m.getRepository(Principal).existsBy({ id: value }))
        : kind === GrantSubjectKind.ROLE
          ? (Object.values(Role) as string[]).includes(value)
          : /^\S{1,100}$/.test(value);
  if (!ok) throw problem('subjectValue', `no ${kind.toLowerCase()} ${value}`);
}

/** A grant scoped to units only works where the subgraph knows each record's unit. */
export function checkUnitScoped(typeName: string, fieldNames: string[], catalogFields: Map<string, CatalogEntry>, kind: GrantScopeKind): void {
  if (kind === GrantScopeKind.ALL_UNITS) return;
  const covered = fieldNames.length ? fieldNames.map((n) => catalogFields.get(n)!) : [...catalogFields.values()].filter((f) => f.sensitivity === SharingClass.CONDITIONAL);
  const unscoped = covered.filter((f) => !f.unitScoped).map((f) => f.fieldName);
  if (unscoped.length) throw problem('scopeKind', `${typeName}.${unscoped.join(', ')} carries no unit: grant it for ALL_UNITS`);
}

export function checkScope(kind: GrantScopeKind, units: string[]): void {
  if (kind === GrantScopeKind.LISTED_UNITS) {
    if (!units.length) throw problem('unitCreditCodes', 'LISTED_UNITS needs at least one unit');
    for (const u of units) {
      const p = creditCodeProblem(u);
      if (p) throw problem('unitCreditCodes', `${u}: ${p}`);
    }
  } else if (units.length) {
    throw problem('unitCreditCodes', `only LISTED_UNITS takes units (scope is ${kind})`);
  }
}

export function checkWindow(from: Date, to: Date | null): void {
  if (Number.isNaN(from.getTime())) throw problem('validFrom', 'is not a time');
  if (to && !(to > from)) throw problem('validTo', 'must be after validFrom');
  if (to && to <= new Date()) throw problem('validTo', 'is already past');
}

type NarrowInput = { fields?: string[] | null; scopeKind?: GrantScopeKind | null; unitCreditCodes?: string[] | null; validTo?: Date | null; effect?: GrantEffect | null; maskStrategy?: MaskStrategy | null };

/**
 * A narrowing may only take away, on every axis at once: fewer fields, fewer units,
 * an earlier end, clear text → masked, a mask → one that hides more. Anything that is
 * not a subset of the grant on every axis is refused: it is a new grant, with its own
 * purpose and its own history, not a NARROW entry on this one.
 */
export function narrowed(grant: Grant, input: NarrowInput, catalogFields: Map<string, CatalogEntry>): Partial<Grant> {
  const next: Partial<Grant> = {};
  if (input.fields) {
    const current = grant.fields;
    if (!input.fields.length) throw problem('fields', 'cannot widen to every field; list a subset');
    if (current.length && input.fields.some((f) => !current.includes(f))) throw problem('fields', 'may only remove fields');
    next.fields = input.fields;
  }
  if (input.scopeKind || input.unitCreditCodes) {
    const kind = input.scopeKind ?? grant.scopeKind;
    const units = input.unitCreditCodes ?? (kind === grant.scopeKind ? grant.unitCreditCodes : []);
    checkScope(kind, units);
    if (!scopeWithin(grant, kind, units)) {
      throw problem('scopeKind', `${grant.scopeKind} → ${kind}${units.length ? ` (${units.join(', ')})` : ''} is not a subset of the units covered now; create a new grant instead`);
    }
    next.scopeKind = kind;
    next.unitCreditCodes = units;
  }
  if (input.validTo) {
    if (grant.validTo && input.validTo > grant.validTo) throw problem('validTo', 'may only end earlier');
    checkWindow(grant.validFrom, input.validTo);
    next.validTo = input.validTo;
  }
  if (input.effect) {
    if (input.effect === GrantEffect.ALLOW && grant.effect === GrantEffect.MASK) throw problem('effect', 'MASK cannot become ALLOW by narrowing');
    next.effect = input.effect;
  }
  if (input.maskStrategy !== undefined && input.maskStrategy !== null) next.maskStrategy = input.maskStrategy;
  if (!Object.keys(next).length) throw badInput('Nothing to narrow');
  assertMaskNotWeaker(grant, { ...grant, ...next }, catalogFields);
  return next;
}

/**
 * ALL_UNITS narrows to anything; LISTED_UNITS to a subset of its units. A TEAM_UNITS
 * grant follows the team's assignments as they change, so no fixed list is a subset
 * of it over time (and a fixed list is never a subset of a moving one): both ways are
 * new grants.
 */
function scopeWithin(grant: Grant, kind: GrantScopeKind, units: string[]): boolean {
  if (grant.scopeKind === GrantScopeKind.ALL_UNITS) return true;
  if (grant.scopeKind === GrantScopeKind.LISTED_UNITS) return kind === GrantScopeKind.LISTED_UNITS && units.every((u) => grant.unitCreditCodes.includes(u));
  return kind === GrantScopeKind.TEAM_UNITS;
}

/** Field by field, the mask after the change hides at least what the one before hid. */
function assertMaskNotWeaker(before: Grant, after: Grant, catalogFields: Map<string, CatalogEntry>): void {
  if (after.effect !== GrantEffect.MASK) return;
  const covered = after.fields.length ? after.fields : [...catalogFields.values()].filter((f) => f.sensitivity === SharingClass.CONDITIONAL).map((f) => f.fieldName);
  for (const name of covered) {
    const f = catalogFields.get(name);
    if (!f) continue; // checkFields names unknown fields
    const was = before.effect === GrantEffect.MASK ? (before.maskStrategy ?? f.defaultMask) : null;
    const now = after.maskStrategy ?? f.defaultMask;
    if (now && !maskAtLeastAsStrong(was, now)) {
      throw problem('maskStrategy', `${now} shows more of ${before.typeName}.${name} than ${was}: a narrowing may only hide more (${was} → a stronger mask)`);
    }
  }
}
