import { Directive, getMetadataStorage } from 'type-graphql';
import type { SubgraphContext } from '../subgraphs/types';
import { SharingClass } from './sensitivity';

/**
 * The unit(s) a record concerns, as credit codes: grants and recusal are per unit.
 * Most records belong to one unit (a petition, a clue); some concern several (a
 * stationed group and the units it supervises, an inspector and their employers).
 */
export type Units = string | readonly string[] | null;

/** How to find a record's unit(s): the property holding its credit code, or a (batched) lookup. */
export type UnitOf = string | ((row: any, ctx: SubgraphContext) => Units | Promise<Units>);

export interface RecordDeclaration {
  level: SharingClass;
  unit: UnitOf;
  /** Grants on this type may be limited to listed units (the record's unit is one, and known where its fields are served). */
  unitScopedGrants: boolean;
}

const declarations = new Map<Function, RecordDeclaration>();

/**
 * Declares a type's records: their sharing class and where their unit(s) come from.
 * Every type with CONDITIONAL or RESTRICTED fields must declare it (the build fails
 * otherwise), so recusal and unit-scoped grants apply on every path that serves them.
 * CONDITIONAL records are visible to other agencies only for units a grant on the type
 * covers (lists, counts and statistics included); OPEN records to everyone. Printed
 * as `@sensitivity` on the type.
 */
export function Records(level: SharingClass, unit: UnitOf, opts: { unitScopedGrants?: boolean } = {}): ClassDecorator {
  return (target) => {
    declarations.set(target, { level, unit, unitScopedGrants: opts.unitScopedGrants ?? typeof unit === 'string' });
    byTypeName.clear();
    Directive(`@sensitivity(level: ${level})`)(target);
  };
}

const byTypeName = new Map<string, RecordDeclaration | null>();

/** The declaration of a GraphQL type, by name (resolved once through type-graphql's metadata; asked per field and row). */
export function recordDeclaration(typeName: string): RecordDeclaration | undefined {
  let found = byTypeName.get(typeName);
  if (found === undefined) {
    found = null;
    for (const [target, d] of declarations) {
      if (getMetadataStorage().objectTypes.find((o) => o.target === target)?.name === typeName) found = d;
    }
    byTypeName.set(typeName, found);
  }
  return found ?? undefined;
}

/** The record's unit(s); synchronous for the usual column, a promise only where a lookup is needed. */
export function unitsOfRow(decl: RecordDeclaration | undefined, row: any, ctx: SubgraphContext): Units | Promise<Units> {
  if (!decl || !row) return null;
  return typeof decl.unit === 'string' ? (row[decl.unit] ?? null) : decl.unit(row, ctx);
}

/** The credit codes of a Units value, as a list. */
export const unitList = (units: Units): readonly string[] => (units === null ? [] : typeof units === 'string' ? [units] : units);
