import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddlewareFunction } from 'graphql-middleware';
import { allow, deny, rule, shield } from 'graphql-shield';
import { forbidden } from '../common/errors';
import type { SubgraphContext } from '../subgraphs/types';
import { maskValue } from './masks';
import type { FieldPolicy } from './policy';
import { recordDeclaration, unitOfRow } from './records';
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
      out.push({ typeName: type.name, fieldName: field.name, level: (arg('level') as SharingClass) ?? SharingClass.RESTRICTED, defaultMask: arg('mask') as MaskStrategy | null });
    }
  }
  return out;
}

const recordId = (row: any): string | null => (row && typeof row.id === 'string' ? row.id : null);

/**
 * Enforcement generated from the declarations, applied to a built subgraph schema:
 *  - graphql-shield, deny by default: root and federation fields and OPEN fields
 *    allow, every CONDITIONAL/RESTRICTED field gets a rule evaluating the policy for
 *    its record's unit; a denial nulls the field with FORBIDDEN naming it;
 *  - a middleware on the same fields masks values a MASK grant covers and logs what
 *    was disclosed, for the audit trail.
 * OPEN fields carry no wrapper at all (their rule is `allow`), which is what keeps
 * large lists cheap; decisions are memoised per request by (type, field, unit).
 */
export function enforceSchema(schema: GraphQLSchema): GraphQLSchema {
  const sensitive = fieldPolicies(schema).filter((f) => f.level !== SharingClass.OPEN);
  const policyOf = new Map(sensitive.map((f) => [`${f.typeName}.${f.fieldName}`, f]));

  const decide = async (parent: unknown, ctx: SubgraphContext, typeName: string, fieldName: string) => {
    const field = policyOf.get(`${typeName}.${fieldName}`)!;
    const unit = await unitOfRow(recordDeclaration(typeName), parent, ctx);
    return { field, unit, decision: ctx.policy.decide(field, unit) };
  };

  const checkField = rule({ cache: 'no_cache' })(async (parent, _args, ctx: SubgraphContext, info) => {
    const { field, decision } = await decide(parent, ctx, info.parentType.name, info.fieldName);
    if (decision.effect !== 'DENY') return true;
    return forbidden(`${field.typeName}.${field.fieldName}: ${decision.reason}`, { field: `${field.typeName}.${field.fieldName}`, sensitivity: field.level });
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

  const maskAndLog: IMiddlewareFunction = async (resolve, parent, args, ctx: SubgraphContext, info) => {
    const value = await (resolve as GraphQLFieldResolver<unknown, SubgraphContext>)(parent, args, ctx, info);
    const { field, unit, decision } = await decide(parent, ctx, info.parentType.name, info.fieldName);
    if (value === null || value === undefined) return value;
    ctx.disclosures.add(field.typeName, field.fieldName, recordId(parent), unit, decision);
    return decision.effect === 'MASK' ? maskValue(decision.strategy, value, { agencyId: ctx.identity.agencyId, secret: ctx.maskSecret }) : value;
  };
  const maskMiddleware: Record<string, Record<string, IMiddlewareFunction>> = {};
  for (const f of sensitive) (maskMiddleware[f.typeName] ??= {})[f.fieldName] = maskAndLog;

  return applyMiddleware(schema, shieldMiddleware as never, maskMiddleware as never);
}
