import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { DisclosureLog } from '../authz/disclosures';
import { enforceSchema, fieldPolicies } from '../authz/enforce';
import { PolicyEvaluator } from '../authz/policy';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { buildFederatedSchema } from '../common/federation';
import { IDENTITY_HEADER, verifyIdentity } from '../common/identity';
import { RequestLoaders } from '../common/loaders';
import { loadConfig, type HubConfig } from '../config';
import { formatError } from '../common/format-error';
import { nulGuardPlugin } from '../common/request-guard';
import type { SubgraphContext, SubgraphModule } from './types';
import { Peers } from './peers';

/** Hands what the request disclosed to the gateway, which writes the audit trail. */
const reportDisclosures: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind === 'single' && contextValue.disclosures?.size) {
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, disclosures: contextValue.disclosures.toJSON() };
        }
      },
    };
  },
};

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
export async function createSubgraph(mod: SubgraphModule, ds: DataSource, config: HubConfig = loadConfig(), peers: Peers = new Peers(config)): Promise<RunningSubgraph> {
  const built = await buildFederatedSchema(mod);
  // Benchmarks measure the cost of enforcement by switching it off; nothing else may.
  const schema = config.benchWithoutEnforcement ? built : enforceSchema(built);
  const server = new ApolloServer<SubgraphContext>({
    schema,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    formatError,
    csrfPrevention: true,
    // The hub stops its servers itself, then the database: Apollo's own signal handling would kill the process midway.
    stopOnTerminationSignals: false,
    // Traces would go to Apollo's cloud; the hub never sends data off the intranet.
    plugins: [ApolloServerPluginInlineTraceDisabled(), reportDisclosures, nulGuardPlugin()],
  });
  await server.start();
  const policies = new Map(fieldPolicies(built).map((f) => [`${f.typeName}.${f.fieldName}`, f]));
  const fieldPolicy = (typeName: string, fieldName: string) => {
    const f = policies.get(`${typeName}.${fieldName}`);
    if (!f) throw new Error(`${typeName}.${fieldName} is not a field of subgraph ${mod.name}`);
    return f;
  };
  const running: RunningSubgraph = {
    mod,
    ds,
    schema,
    server,
    async contextFromHeaders(headers) {
      const raw = headers[IDENTITY_HEADER];
      const identity = await verifyIdentity(Array.isArray(raw) ? raw[0] : raw, config.internalSecret);
      return {
        identity,
        owner: mod.owner,
        ds,
        loaders: new RequestLoaders(),
        maxPageSize: config.maxPageSize,
        policy: new PolicyEvaluator(identity, mod.owner),
        disclosures: new DisclosureLog(),
        maskSecret: config.internalSecret,
        fieldPolicy,
        config,
        callPeer: (to, query, variables) => peers.call(mod.name, to, identity, query, variables),
      };
    },
  };
  peers.register(running);
  return running;
}
