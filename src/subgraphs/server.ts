import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { buildFederatedSchema } from '../common/federation';
import { IDENTITY_HEADER, verifyIdentity } from '../common/identity';
import { RequestLoaders } from '../common/loaders';
import { loadConfig } from '../config';
import { formatError } from '../common/format-error';
import type { SubgraphContext, SubgraphModule } from './types';

export interface RunningSubgraph {
  mod: SubgraphModule;
  ds: DataSource;
  schema: GraphQLSchema;
  server: ApolloServer<SubgraphContext>;
  /** Builds the request context; throws UNAUTHENTICATED without a valid gateway identity. */
  contextFromHeaders(headers: Record<string, string | string[] | undefined>): Promise<SubgraphContext>;
}

/**
 * The same subgraph serves in-process (the gateway calls executeOperation) and as
 * its own HTTP service; both paths go through contextFromHeaders, so neither
 * answers — not even `_service` or `_entities` — without the gateway's signature.
 */
export async function createSubgraph(mod: SubgraphModule, ds: DataSource): Promise<RunningSubgraph> {
  const config = loadConfig();
  const schema = await buildFederatedSchema(mod);
  const server = new ApolloServer<SubgraphContext>({
    schema,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    formatError,
    csrfPrevention: true,
    // The hub stops its servers itself, then the database: Apollo's own signal handling would kill the process midway.
    stopOnTerminationSignals: false,
    // Traces would go to Apollo's cloud; the hub never sends data off the intranet.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await server.start();
  return {
    mod,
    ds,
    schema,
    server,
    async contextFromHeaders(headers) {
      const raw = headers[IDENTITY_HEADER];
      const identity = await verifyIdentity(Array.isArray(raw) ? raw[0] : raw, config.internalSecret);
      return { identity, owner: mod.owner, ds, loaders: new RequestLoaders(), maxPageSize: config.maxPageSize };
    },
  };
}
