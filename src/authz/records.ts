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
    Directive(`@sensitivity(level: ${level})`)(target);
  };
}

/** The declaration of a GraphQL type, by name (resolved through type-graphql's metadata). */
export function recordDeclaration(typeName: string): RecordDeclaration | undefined {
  for (const [target, d] of declarations) {
    const meta = getMetadataStorage().objectTypes.find((o) => o.target === target);
    if (meta?.name === typeName) return d;
  }
  return undefined;
}

export async function unitOfRow(decl: RecordDeclaration | undefined, row: any, ctx: SubgraphContext): Promise<string | null> {
  if (!decl?.unit || !row) return null;
  return typeof decl.unit === 'string' ? (row[decl.unit] ?? null) : await decl.unit(row, ctx);
}
