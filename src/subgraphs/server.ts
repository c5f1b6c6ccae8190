import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { resolveCaller, requestIdFrom } from '../auth/caller';
import { VIA_HEADER, verifyVia } from '../auth/peer';
import { DenialLog, reportDenials } from '../authz/denials';
import { DisclosureLog } from '../authz/disclosures';
import { enforceSchema, fieldPolicies } from '../authz/enforce';
import { PolicyEvaluator } from '../authz/policy';
import { RulesOffPolicy } from '../authz/bench-rules-off';
import { costLimit } from '../common/cost';
import { buildFederatedSchema } from '../common/federation';
import { formatError } from '../common/format-error';
import type { Identity } from '../common/identity';
import { RequestLoaders } from '../common/loaders';
import { nulGuard } from '../common/request-guard';
import { outageStatus } from '../common/outage';
import { requestHooksPlugin } from '../common/request-hooks';
import { loadConfig, type HubConfig } from '../config';
import type { SqlCounter } from '../db/sql-counter';
import { auditPlugin } from './audit-plugin';
import { Peers } from './peers';
import type { SubgraphContext, SubgraphModule } from './types';

export interface RunningSubgraph {
  mod: SubgraphModule;
  ds: DataSource;
  schema: GraphQLSchema;
  server: ApolloServer<SubgraphContext>;
  /**
   * Builds the request context from the caller's own credential; throws UNAUTHENTICATED
   * without a valid one. `sql`: the request's statement counter when served on its own.
   */
  contextFromHeaders(headers: Record<string, string | string[] | undefined>, sql?: SqlCounter): Promise<SubgraphContext>;
}

type Headers = Record<string, string | string[] | undefined>;
const header = (headers: Headers, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * The query limits hold here too, whatever router is in front (issue 10): a router's
 * subgraph operation can be one level deeper (`_entities`), carry a few aliases of the
 * planner's own, and spell out fragments the client sent once, hence the margins.
 */
function limits(config: HubConfig) {
  return new ApolloArmor({
    maxDepth: { n: config.limits.depth + 1 },
    costLimit: { enabled: false },
    maxAliases: { n: config.limits.aliases + 10 },
    maxTokens: { enabled: false },
    maxDirectives: { n: 50 },
    blockFieldSuggestion: { enabled: config.production },
  }).protect();
}

/**
 * A subgraph is the data holder, and enforces and logs by itself (issue 10): it
 * authenticates the caller from the credential the client sent (forwarded by any
 * router, or by the hub's gateway in-process), resolves the caller's grants, team
 * units and recusal from access, applies the field rules, and writes what it
 * disclosed to its own audit chain before its response leaves. `_service` and
 * `_entities` answer nobody without a valid credential either.
 */
export async function createSubgraph(
  mod: SubgraphModule,
  ds: DataSource,
  accessDs: DataSource,
  config: HubConfig = loadConfig(),
  peers: Peers = new Peers(config),
): Promise<RunningSubgraph> {
  const built = await buildFederatedSchema(mod);
  const schema = enforceSchema(built);
  // Benchmarks measure the cost of the field rules by switching their verdicts off; masking and the audit stay.
  const Policy = config.benchWithoutEnforcement ? RulesOffPolicy : PolicyEvaluator;
  const armor = limits(config);
  const server = new ApolloServer<SubgraphContext>({
    schema,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    formatError,
    csrfPrevention: true,
    // The hub stops its servers itself, then the database: Apollo's own signal handling would kill the process midway.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: config.limits.tokens * 4 },
    validationRules: armor.validationRules,
    // Traces would go to Apollo's cloud; the hub never sends data off the intranet.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ...armor.plugins,
      requestHooksPlugin<SubgraphContext>(nulGuard, costLimit(config.limits.cost), outageStatus, reportDenials),
      auditPlugin(accessDs, mod.name),
    ],
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
    async contextFromHeaders(headers, sql) {
      const authorization = header(headers, 'authorization');
      const caller = await resolveCaller(authorization, accessDs, config);
      const assertion = header(headers, VIA_HEADER);
      const via = assertion ? await verifyVia(assertion, mod.name, authorization!, config.internalSecret) : undefined;
      const identity: Identity = { ...caller, requestId: requestIdFrom(header(headers, 'x-request-id')), ...(via ? { via } : {}) };
      return {
        identity,
        owner: mod.owner,
        ds,
        loaders: new RequestLoaders(),
        maxPageSize: config.maxPageSize,
        policy: new Policy(identity, mod.owner),
        disclosures: new DisclosureLog(),
        denials: new DenialLog(),
        ...(sql ? { sql } : {}),
        maskSecret: config.internalSecret,
        fieldPolicy,
        config,
        callPeer: (to, query, variables) => peers.call(mod.name, to, authorization!, identity.requestId, query, variables),
      };
    },
  };
  peers.register(running);
  return running;
}
