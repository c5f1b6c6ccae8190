import { isNonNullType, isObjectType, type ConstDirectiveNode, type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddlewareFunction } from 'graphql-middleware';
import type { SubgraphContext } from '../subgraphs/types';
import { maskValue } from './masks';
import type { Decision, FieldPolicy } from './policy';
import { recordDeclaration, unitsOfRow, type RecordDeclaration, type Units } from './records';
import { MaskStrategy, SharingClass } from './sensitivity';

const ROOT = new Set(['Query', 'Mutation', 'Subscription']);

/** The declared sharing class of every field, read back from the built schema. */
export function fieldPolicies(schema: GraphQLSchema): FieldPolicy[] {
  const out: FieldPolicy[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('_') || ROOT.has(type.name)) continue;
    for (const field of Object.values(type.getFields())) {
      const d = field.astNode?.directives?.find((x) => x.name.value === 'sensitivity');
      const arg = (n: string) => {
        const v = d?.arguments?.find((a) => a.name.value === n)?.value;
        return v && v.kind === 'EnumValue' ? v.value : null;
      };
      out.push({
        typeName: type.name,
        fieldName: field.name,
        level: (arg('level') as SharingClass) ?? SharingClass.RESTRICTED,
        defaultMask: arg('mask') as MaskStrategy | null,
        sharedWith: stringListArg(d, 'sharedWith'),
        ownerRoles: stringListArg(d, 'ownerRoles'),
      });
    }
  }
  return out;
}

/** A list argument of @sensitivity: the agency kinds a RESTRICTED field is shared with (`sharedWith`), the owner roles reading it (`ownerRoles`). */
export function stringListArg(d: ConstDirectiveNode | undefined, name: 'sharedWith' | 'ownerRoles'): string[] {
  const v = d?.arguments?.find((a) => a.name.value === name)?.value;
  return v && v.kind === 'ListValue' ? v.values.flatMap((x) => (x.kind === 'StringValue' ? [x.value] : [])) : [];
}

const recordId = (row: any): string | null => (row && typeof row.id === 'string' ? row.id : null);

/**
 * Enforcement generated from the declarations, applied to a built subgraph schema.
 * Deny by default: every field of a record type is RESTRICTED unless declared
 * otherwise (fieldPolicies); root and federation fields and OPEN fields carry no
 * wrapper at all, which is what keeps large lists cheap. Every CONDITIONAL or
 * RESTRICTED field gets one wrapper that evaluates the policy for its record's unit
 * (memoised per request by type, field and unit) before resolving:
 *  - a denial nulls the field without resolving it and is noted in the request's
 *    DenialLog, which answers one FORBIDDEN error per field path and reason with the
 *    number of records (an error object per cell cost 3.5x the allowed read);
 *  - an allowed or masked value is masked as the grant says and logged as disclosed,
 *    for the audit trail.
 * Synchronous unless the record's unit needs a lookup: thousands of rows x fields must
 * not each cost a promise.
 */
export function enforceSchema(schema: GraphQLSchema): GraphQLSchema {
  const sensitive = fieldPolicies(schema).filter((f) => f.level !== SharingClass.OPEN);
  for (const f of sensitive) {
    // A denial nulls the field: a non-null one would take its parent with it.
    const type = (schema.getType(f.typeName) as GraphQLObjectType).getFields()[f.fieldName].type;
    if (isNonNullType(type)) throw new Error(`${f.typeName}.${f.fieldName} is ${f.level} and must be nullable: a denial answers null`);
  }

  type Decided = { field: FieldPolicy; units: Units; decision: Decision };
  const decide = (parent: unknown, ctx: SubgraphContext, field: FieldPolicy, decl: RecordDeclaration | undefined): Decided | Promise<Decided> => {
    const found = unitsOfRow(decl, parent, ctx);
    if (found instanceof Promise) return found.then((units) => ({ field, units, decision: ctx.policy.decide(field, units) }));
    return { field, units: found, decision: ctx.policy.decide(field, found) };
  };

  const apply = (value: unknown, parent: unknown, ctx: SubgraphContext, { field, units, decision }: Decided) => {
    if (value === null || value === undefined) return value;
    ctx.disclosures.add(field.typeName, field.fieldName, recordId(parent), units, decision);
    return decision.effect === 'MASK' ? maskValue(decision.strategy, value, { agencyId: ctx.identity.agencyId, secret: ctx.maskSecret }) : value;
  };
  type Resolve = (parent: unknown, args: unknown, ctx: SubgraphContext, info: GraphQLResolveInfo) => unknown;
  const enforce = (resolve: Resolve, parent: unknown, args: unknown, ctx: SubgraphContext, info: GraphQLResolveInfo, d: Decided) => {
    if (d.decision.effect === 'DENY') {
      ctx.denials.add(info.path, d.field, d.decision.reason);
      return null;
    }
    const value = resolve(parent, args, ctx, info);
    return value instanceof Promise ? value.then((v) => apply(v, parent, ctx, d)) : apply(value, parent, ctx, d);
  };

  const wrappers: Record<string, Record<string, IMiddlewareFunction>> = {};
  for (const field of sensitive) {
    const decl = recordDeclaration(field.typeName);
    (wrappers[field.typeName] ??= {})[field.fieldName] = ((resolve: Resolve, parent: unknown, args: unknown, ctx: SubgraphContext, info: GraphQLResolveInfo) => {
      const d = decide(parent, ctx, field, decl);
      return d instanceof Promise ? d.then((dd) => enforce(resolve, parent, args, ctx, info, dd)) : enforce(resolve, parent, args, ctx, info, d);
    }) as unknown as IMiddlewareFunction;
  }
  return applyMiddleware(schema, wrappers as never);
}
