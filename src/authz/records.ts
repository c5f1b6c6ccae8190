import { Directive, getMetadataStorage } from 'type-graphql';
import type { SubgraphContext } from '../subgraphs/types';
import { SharingClass } from './sensitivity';

/** How to find the unit (credit code) a record belongs to: grants and recusal are per unit. */
export type UnitOf = string | ((row: any, ctx: SubgraphContext) => string | null | Promise<string | null>);

interface RecordDeclaration {
  level: SharingClass;
  unit?: UnitOf;
}

const declarations = new Map<Function, RecordDeclaration>();

/**
 * Declares a type's records: their sharing class and the property holding their
 * unit. CONDITIONAL records are visible to other agencies only for units a grant on
 * the type covers (lists, counts and statistics included); OPEN records to everyone.
 * Printed as `@sensitivity` on the type.
 */
export function Records(level: SharingClass, unit?: UnitOf): ClassDecorator {
  return (target) => {
    declarations.set(target, { level, unit });
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

/** The record's unit; synchronous for the usual column, a promise only where a lookup is needed. */
export function unitOfRow(decl: RecordDeclaration | undefined, row: any, ctx: SubgraphContext): string | null | Promise<string | null> {
  if (!decl?.unit || !row) return null;
  return typeof decl.unit === 'string' ? (row[decl.unit] ?? null) : decl.unit(row, ctx);
}
