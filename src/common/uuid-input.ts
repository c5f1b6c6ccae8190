import type { RequestHooks } from './request-hooks';
import {
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { badInput } from './errors';
import { isUuid } from './loaders';
import { weakMemo } from './per-document';
import { UUIDScalar } from './scalars';

/** One malformed hub id: where it was given (argument, and the variable or input path inside it). */
export interface InvalidId {
  field: string;
  argument: string;
  /** Path inside the argument or variable, e.g. `records[2].cadreId`; empty when the argument itself. */
  path: string;
  variable: string | null;
  value: string;
}

const MAX_REPORTED = 20;
const shown = (value: unknown) => JSON.stringify(typeof value === 'string' && value.length > 40 ? `${value.slice(0, 40)}…` : value);

/**
 * Malformed UUID literals, each named by its argument: the visitor knows the field and
 * argument it is in, and the input-object fields on the way down.
 */
function literalProblems(schema: GraphQLSchema, document: DocumentNode): { problems: InvalidId[]; usages: Map<string, { field: string; argument: string }> } {
  const out: InvalidId[] = [];
  const usages = new Map<string, { field: string; argument: string }>();
  const typeInfo = new TypeInfo(schema);
  const inside: string[] = [];
  let defaultOf: string | null = null;
  const check = (value: string | null, node: { kind: Kind }) => {
    const type = typeInfo.getInputType();
    if (!type || getNamedType(type).name !== UUIDScalar.name) return;
    if (node.kind === Kind.STRING && isUuid(value)) return;
    const path = inside.join('.');
    if (defaultOf) out.push({ field: '', argument: '', path: [defaultOf, ...inside].join('.'), variable: defaultOf, value: String(value) });
    else out.push({ field: typeInfo.getFieldDef()?.name ?? '', argument: typeInfo.getArgument()?.name ?? '', path, variable: null, value: String(value) });
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      // A variable's default value is named by its variable.
      VariableDefinition: { enter: (n) => void (defaultOf = n.variable.name.value), leave: () => void (defaultOf = null) },
      ObjectField: { enter: (n) => void inside.push(n.name.value), leave: () => void inside.pop() },
      StringValue: (n) => check(n.value, n),
      IntValue: (n) => check(n.value, n),
      FloatValue: (n) => check(n.value, n),
      BooleanValue: (n) => check(String(n.value), n),
      EnumValue: (n) => check(n.value, n),
      Variable: (n) => {
        const argument = typeInfo.getArgument();
        if (argument && !defaultOf && !inside.length && !usages.has(n.name.value)) usages.set(n.name.value, { field: typeInfo.getFieldDef()?.name ?? '', argument: argument.name });
      },
    }),
  );
  return { problems: out, usages };
}

/** Literals and variable usages depend only on the schema and the document: found once per distinct query (results are never mutated). */
const literalsOf = weakMemo((schema: GraphQLSchema) => weakMemo((document: DocumentNode) => literalProblems(schema, document)));

/** Malformed UUIDs in the variables' values, found by walking each value along its declared type. */
function variableProblems(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>, usages: Map<string, { field: string; argument: string }>): InvalidId[] {
  const out: InvalidId[] = [];
  for (const def of operation.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    const type = typeFromAST(schema, def.type) as GraphQLInputType | undefined;
    const usage = usages.get(name) ?? { field: '', argument: '' };
    const walk = (value: unknown, t: GraphQLInputType, path: string): void => {
      if (value === null || value === undefined || out.length >= MAX_REPORTED) return;
      if (isNonNullType(t)) return walk(value, t.ofType, path);
      if (isListType(t)) {
        if (Array.isArray(value)) value.forEach((v, i) => walk(v, t.ofType, `${path}[${i}]`));
        else walk(value, t.ofType, path);
        return;
      }
      if (isInputObjectType(t)) {
        if (typeof value !== 'object' || Array.isArray(value)) return;
        for (const f of Object.values(t.getFields())) walk((value as Record<string, unknown>)[f.name], f.type, `${path}.${f.name}`);
        return;
      }
      if (t.name === UUIDScalar.name && !isUuid(value)) out.push({ ...usage, path, variable: name, value: String(value) });
    };
    if (type && name in variables) walk(variables[name], type, name);
  }
  return out;
}

const describe = (p: InvalidId) => {
  const where = p.variable ? `Variable "$${p.variable}"${p.path !== p.variable ? ` at ${p.path}` : ''}` : `Argument "${p.argument}${p.path ? `.${p.path}` : ''}"`;
  const of = p.argument && p.field ? (p.variable ? ` (argument "${p.argument}" of "${p.field}")` : ` of "${p.field}"`) : '';
  return `${where}${of} is not a hub id (UUID): ${shown(p.value)}`;
};

/**
 * Hub ids are checked at the gateway, before planning: the supergraph's UUID scalar is
 * only a name there, so without this a malformed id would travel to a subgraph (which
 * refuses it too, but as a validation failure without the argument). Answers 400
 * BAD_USER_INPUT naming the argument, for literals and variables alike.
 */
export const uuidInput: RequestHooks = {
  didResolveOperation({ schema, document, operation, request }) {
    if (!operation || !schema.getType(UUIDScalar.name)) return;
    const literals = literalsOf(schema)(document);
    const problems = [...literals.problems, ...variableProblems(schema, operation, request.variables ?? {}, literals.usages)];
    if (!problems.length) return;
    const [first] = problems;
    throw badInput(problems.slice(0, 3).map(describe).join('; '), {
      argument: first.argument || first.variable,
      invalidIds: problems.slice(0, MAX_REPORTED),
      http: { status: 400 },
    });
  },
};
