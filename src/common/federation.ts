import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap } from 'type-graphql';
import type { SubgraphModule } from '../subgraphs/types';
import { DateScalar, DecimalScalar } from './scalars';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])';

/**
 * type-graphql builds the schema from decorated classes; @apollo/subgraph then adds
 * the federation fields (_service, _entities). Printing with directives keeps the
 * @key and other directives the classes declare.
 */
export async function buildFederatedSchema(mod: SubgraphModule): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: mod.resolvers,
    orphanedTypes: mod.orphanedTypes,
    skipCheck: true,
    validate: false,
    emitSchemaFile: false,
    scalarsMap: [
      { type: Date, scalar: DateScalar },
    ],
  });
  void DecimalScalar;
  const resolvers = createResolversMap(schema) as Record<string, any>;
  for (const [typeName, ref] of Object.entries(mod.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...ref };
  }
  return buildSubgraphSchema({
    typeDefs: gql(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`),
    resolvers: resolvers as any,
  });
}
