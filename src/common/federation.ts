import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { Kind, isObjectType, isInterfaceType, visit, type DocumentNode, type GraphQLSchema, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode } from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap } from 'type-graphql';
import type { SubgraphModule } from '../subgraphs/types';
import { addMaskedFields } from '../authz/masked-fields';
import { MaskStrategy, SENSITIVITY_SDL, SharingClass } from '../authz/sensitivity';
import { recordDeclaration } from '../authz/records';

/** Identifies the hub's own directive; composed into the supergraph so routers and readers see it. */
export const SENSITIVITY_SPEC = 'https://xuncha-hub.local/sensitivity/v1.0';

const FEDERATION_LINK = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@composeDirective"])
  @link(url: "${SENSITIVITY_SPEC}", import: ["@sensitivity"])
  @composeDirective(name: "@sensitivity")`;

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * type-graphql builds the schema from decorated classes; @apollo/subgraph then adds
 * the federation fields (_service, _entities). Printing with directives keeps @key
 * and @sensitivity. A field without a sharing class fails the build here, so
 * nothing can reach the schema (or the schema check) undeclared.
 */
export async function buildFederatedSchema(mod: SubgraphModule): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: mod.resolvers,
    orphanedTypes: [...(mod.orphanedTypes ?? []), SharingClass as never, MaskStrategy as never].filter((t) => typeof t === 'function'),
    skipCheck: true,
    validate: false,
    emitSchemaFile: false,
  });
  const resolvers = createResolversMap(schema) as Record<string, any>;
  for (const [typeName, ref] of Object.entries(mod.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...ref };
  }
  const printed = printSchemaWithDirectives(schema);
  const enums = [
    printed.includes('enum SharingClass') ? '' : `enum SharingClass { ${Object.values(SharingClass).join(' ')} }`,
    printed.includes('enum MaskStrategy') ? '' : `enum MaskStrategy { ${Object.values(MaskStrategy).join(' ')} }`,
  ].join('\n');
  const masked = addMaskedFields(printed);
  for (const [typeName, fields] of Object.entries(masked.resolvers)) resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...fields };
  const subgraph = buildSubgraphSchema({
    typeDefs: nullableRootQueries(gql(`${FEDERATION_LINK}\n${SENSITIVITY_SDL}\n${enums}\n\n${masked.sdl}`)),
    resolvers: resolvers as any,
  });
  assertEveryFieldDeclared(mod.name, subgraph);
  assertUnitsDeclared(mod.name, subgraph);
  return subgraph;
}

/**
 * Every root query field is nullable: a refusal (FORBIDDEN, BAD_USER_INPUT) then nulls
 * that field alone, never the whole `data` with the other fields of the same request.
 */
function nullableRootQueries(doc: DocumentNode): DocumentNode {
  const unwrap = (node: ObjectTypeDefinitionNode | ObjectTypeExtensionNode) =>
    node.name.value !== 'Query' ? node : { ...node, fields: node.fields?.map((f) => (f.type.kind === Kind.NON_NULL_TYPE ? { ...f, type: f.type.type } : f)) };
  return visit(doc, { ObjectTypeDefinition: unwrap, ObjectTypeExtension: unwrap });
}

export function assertEveryFieldDeclared(name: string, schema: GraphQLSchema): void {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(isObjectType(type) || isInterfaceType(type)) || type.name.startsWith('_') || ROOT_TYPES.has(type.name)) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.astNode?.directives?.some((d) => d.name.value === 'sensitivity')) missing.push(`${type.name}.${field.name}`);
    }
  }
  if (missing.length) {
    throw new Error(
      `Subgraph ${name}: every field needs a sharing class (@Open(), @Conditional() or @Restricted()); undeclared: ${missing.join(', ')}`,
    );
  }
}

/**
 * Recusal and unit-scoped grants work per unit, so a type with CONDITIONAL or
 * RESTRICTED fields must say which unit(s) its records concern (`@Records`): without
 * it, its fields would be served with no unit and recusal would silently not apply.
 */
export function assertUnitsDeclared(name: string, schema: GraphQLSchema): void {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('_') || ROOT_TYPES.has(type.name)) continue;
    const sensitive = Object.values(type.getFields()).some((field) => {
      const level = field.astNode?.directives?.find((d) => d.name.value === 'sensitivity')?.arguments?.find((a) => a.name.value === 'level')?.value;
      return level?.kind === Kind.ENUM && level.value !== SharingClass.OPEN;
    });
    if (sensitive && !recordDeclaration(type.name)) missing.push(type.name);
  }
  if (missing.length) {
    throw new Error(`Subgraph ${name}: types with CONDITIONAL or RESTRICTED fields must declare their unit(s) with @Records; undeclared: ${missing.join(', ')}`);
  }
}
