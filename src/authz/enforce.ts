import { isObjectType, type ConstDirectiveNode, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddlewareFunction } from 'graphql-middleware';
import { allow, deny, rule, shield } from 'graphql-shield';
import { forbidden } from '../common/errors';
import type { SubgraphContext } from '../subgraphs/types';
import { maskValue } from './masks';
import type { Decision, FieldPolicy } from './policy';
import { recordDeclaration, unitsOfRow, type Units } from './records';
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
 * Enforcement generated from the declarations, applied to a built subgraph schema:
 *  - graphql-shield, deny by default: root and federation fields and OPEN fields
 *    allow, every CONDITIONAL/RESTRICTED field gets a rule evaluating the policy for
 *    its record's unit; a denial nulls the field with FORBIDDEN naming it;
 *  - the same wrapper masks values a MASK grant covers and logs what was disclosed,
 *    for the audit trail.
 * OPEN fields carry no wrapper at all (their rule is `allow`), which is what keeps
 * large lists cheap; decisions are memoised per request by (type, field, unit).
 */
export function enforceSchema(schema: GraphQLSchema): GraphQLSchema {
  const sensitive = fieldPolicies(schema).filter((f) => f.level !== SharingClass.OPEN);
  const policyOf = new Map(sensitive.map((f) => [`${f.typeName}.${f.fieldName}`, f]));

  type Decided = { field: FieldPolicy; units: Units; decision: Decision };
  // Synchronous unless the record's unit needs a lookup: thousands of rows x fields
  // must not each cost a chain of promises.
  const decide = (parent: unknown, ctx: SubgraphContext, typeName: string, fieldName: string): Decided | Promise<Decided> => {
    const field = policyOf.get(`${typeName}.${fieldName}`)!;
    const found = unitsOfRow(recordDeclaration(typeName), parent, ctx);
    if (found instanceof Promise) return found.then((units) => ({ field, units, decision: ctx.policy.decide(field, units) }));
    return { field, units: found, decision: ctx.policy.decide(field, found) };
  };

  const verdict = ({ field, decision }: Decided) =>
    decision.effect !== 'DENY' || forbidden(`${field.typeName}.${field.fieldName}: ${decision.reason}`, { field: `${field.typeName}.${field.fieldName}`, sensitivity: field.level });
  const checkField = rule({ cache: 'no_cache' })((parent, _args, ctx: SubgraphContext, info) => {
    const d = decide(parent, ctx, info.parentType.name, info.fieldName);
    return d instanceof Promise ? d.then(verdict) : verdict(d);
  });

  const ruleTree: Record<string, Record<string, typeof allow>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    ruleTree[type.name] = {};
    for (const name of Object.keys(type.getFields())) {
      const open = ROOT.has(type.name) || type.name.startsWith('_') || !policyOf.has(`${type.name}.${name}`);
      ruleTree[type.name][name] = open ? allow : (checkField as unknown as typeof allow);
    }
  }
  const generated = shield(ruleTree, { fallbackRule: deny, allowExternalErrors: true, fallbackError: forbidden('Not allowed') }).generate(schema) as Record<
    string,
    Record<string, unknown>
  >;
  // Keep shield's middleware only where a rule does more than allow.
  const shieldMiddleware: Record<string, Record<string, unknown>> = {};
  for (const [typeName, fields] of Object.entries(generated)) {
    for (const [fieldName, mw] of Object.entries(fields)) {
      if (ruleTree[typeName]?.[fieldName] === allow) continue;
      (shieldMiddleware[typeName] ??= {})[fieldName] = mw;
    }
  }

  const apply = (value: unknown, parent: unknown, ctx: SubgraphContext, { field, units, decision }: Decided) => {
    if (value === null || value === undefined) return value;
    ctx.disclosures.add(field.typeName, field.fieldName, recordId(parent), units, decision);
    return decision.effect === 'MASK' ? maskValue(decision.strategy, value, { agencyId: ctx.identity.agencyId, secret: ctx.maskSecret }) : value;
  };
  type Resolve = (parent: unknown, args: unknown, ctx: SubgraphContext, info: GraphQLResolveInfo) => unknown;
  const resolveAndApply = (resolve: Resolve, parent: unknown, args: unknown, ctx: SubgraphContext, info: GraphQLResolveInfo, d: Decided | Promise<Decided>) => {
    const value = resolve(parent, args, ctx, info);
    if (value instanceof Promise || d instanceof Promise) return Promise.all([value, d]).then(([v, dd]) => apply(v, parent, ctx, dd));
    return apply(value, parent, ctx, d);
  };

  /*
   * One wrapper per sensitive field. Denials (and records whose unit needs a lookup)
   * go through graphql-shield's middleware, which evaluates the rule and answers
   * FORBIDDEN. When the request's memoised decision already allows the value, the
   * same decision is applied synchronously: shield's middleware is async, and on a
   * list of thousands of records its promise per field would double the latency.
   */
  const wrappers: Record<string, Record<string, IMiddlewareFunction>> = {};
  for (const f of sensitive) {
    const viaShield = shieldMiddleware[f.typeName]?.[f.fieldName] as IMiddlewareFunction;
    (wrappers[f.typeName] ??= {})[f.fieldName] = ((resolve: Resolve, parent: unknown, args: unknown, ctx: SubgraphContext, info: GraphQLResolveInfo) => {
      const d = decide(parent, ctx, info.parentType.name, info.fieldName);
      if (!(d instanceof Promise) && d.decision.effect !== 'DENY') return resolveAndApply(resolve, parent, args, ctx, info, d);
      const checked = (p: unknown, a: unknown, c: SubgraphContext, i: GraphQLResolveInfo) => resolveAndApply(resolve, p, a, c, i, decide(p, c, i.parentType.name, i.fieldName));
      return (viaShield as unknown as (...x: unknown[]) => unknown)(checked, parent, args, ctx, info);
    }) as unknown as IMiddlewareFunction;
  }
  // Whatever else shield would guard keeps shield's own middleware (today nothing: undeclared fields fail the build).
  for (const [typeName, fields] of Object.entries(shieldMiddleware)) {
    for (const [fieldName, mw] of Object.entries(fields)) if (!wrappers[typeName]?.[fieldName]) (wrappers[typeName] ??= {})[fieldName] = mw as IMiddlewareFunction;
  }
  return applyMiddleware(schema, wrappers as never);
}
