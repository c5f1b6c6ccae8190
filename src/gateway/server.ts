import { type GraphQLDataSource, ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express from 'express';
import type { DataSource } from 'typeorm';
import { mergeRouterDenials } from '../authz/denials';
import { formatError } from '../common/format-error';
import { jsonErrors } from '../common/http-errors';
import type { RequestListener } from 'node:http';
import { graphqlEndpoint } from '../common/graphql-endpoint';
import { uuidInput } from '../common/uuid-input';
import { nulGuard } from '../common/request-guard';
import { requestHooksPlugin, type RequestHooks } from '../common/request-hooks';
import type { HubConfig } from '../config';
import { log } from '../log';
import type { RunningSubgraph } from '../subgraphs/server';
import { publicJwks } from '../auth/keys';
import { edgeContext } from './edge-auth';
import { costLimit } from '../common/cost';
import type { GatewayContext } from './context';
import { ForwardingRemoteDataSource, InProcessDataSource } from './datasources';
import { operationGuard } from './operation-guard';
import { readiness } from './services';
import { outageOr, outageStatus } from '../common/outage';
import { legacyJsonStatus } from '../common/graphql-over-http';
import { EXAMPLE_QUERY } from './example';
import { briefingRoute } from './briefing';
import { playgroundHtml } from './playground';
import { mountConsole } from './console';
import { callerAuthorization } from './session';

export interface GatewayParts {
  /** Every route: /graphql on Node's HTTP server directly, the rest through Express. */
  handler: RequestListener;
  apollo: ApolloServer<GatewayContext>;
  gateway: ApolloGateway;
}

/** Adds the request's SQL statement count to the response (outside production), for tests and benchmarks; logs the request. */
const sqlCountAndLog = (expose: boolean): RequestHooks<GatewayContext> => ({
  willSendResponse({ contextValue, request, response, errors }) {
    if (expose && response.body.kind === 'single') {
      response.body.singleResult.extensions = { ...response.body.singleResult.extensions, sqlStatements: contextValue.sql?.statements };
    }
    if (errors?.length && log.isLevelEnabled('debug')) log.debug({ errors: errors.map((e) => e.message) }, 'request errors');
    if (!log.isLevelEnabled('info')) return;
    log.info(
      {
        requestId: contextValue.requestId,
        principal: contextValue.principalId,
        operation: request.operationName,
        ms: Date.now() - contextValue.startedAt,
        sql: contextValue.sql?.statements,
      },
      'graphql',
    );
  },
});

export async function createGateway(
  config: HubConfig,
  supergraphSdl: string,
  subgraphs: Map<string, RunningSubgraph>,
  accessDs: DataSource,
): Promise<GatewayParts> {
  const gateway: ApolloGateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }): GraphQLDataSource<GatewayContext> => {
      const remote = config.subgraphUrls[name];
      if (remote) return new ForwardingRemoteDataSource(remote, name, () => gateway.schema);
      const local = subgraphs.get(name);
      if (!local) throw new Error(`Subgraph ${name} is neither in-process nor configured with SUBGRAPH_${name.toUpperCase()}_URL`);
      return new InProcessDataSource(local);
    },
  });
  const armor = new ApolloArmor({
    maxDepth: { n: config.limits.depth },
    // Cost is checked by costLimitPlugin, which sees variable values.
    costLimit: { enabled: false },
    maxAliases: { n: config.limits.aliases },
    // Counted by graphql-js's own parser (parseOptions below): armor's token plugin turns every syntax error into a 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: config.production },
  }).protect();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    formatError,
    // Apollo's CSRF check would refuse plain GETs from every client without an Apollo
    // header. Only cookie sessions are open to CSRF (browsers attach no Authorization the
    // hub accepts), and callerAuthorization already demands of them the same origin and
    // the x-csrf-token header, which no cross-site form or simple request can send.
    csrfPrevention: false,
    // The hub stops its servers itself, then the database: Apollo's own signal handling would kill the process midway.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: config.limits.tokens },
    validationRules: armor.validationRules,
    plugins: [
      ...armor.plugins,
      ApolloServerPluginLandingPageDisabled(),
      // The hub sets no cache hints and the gateway is no subgraph: a cache policy or a trace
      // looked for on every request would be work for nothing.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      requestHooksPlugin<GatewayContext>(
        operationGuard,
        nulGuard,
        uuidInput,
        costLimit(config.limits.cost),
        mergeRouterDenials,
        sqlCountAndLog(!config.production),
        outageStatus,
        legacyJsonStatus,
      ),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // The public keys of caller tokens, for subgraph services (HUB_JWKS_URL) and routers that verify tokens too.
  app.get('/.well-known/jwks.json', async (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(await publicJwks(config));
  });
  app.get('/readyz', async (_req, res) => {
    const state = await readiness(accessDs, subgraphs, config.subgraphUrls);
    res.status(state.status === 'ready' ? 200 : 503).json(state);
  });
  mountConsole(app, apollo, accessDs, config);
  app.get('/dossier.html', briefingRoute(apollo, accessDs, config));
  app.use(jsonErrors(config.maxBodyBytes));
  const handler = graphqlEndpoint(apollo, {
    otherRoutes: app,
    maxBodyBytes: config.maxBodyBytes,
    page: { html: playgroundHtml(EXAMPLE_QUERY), csp: "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'" },
    context: async (req, sql) => {
      const startedAt = Date.now();
      try {
        return { ...(await edgeContext(await callerAuthorization(req, accessDs, config, 'api'), req.headers['x-request-id'] as string | undefined, accessDs, config)), sql, startedAt };
      } catch (err) {
        // Sessions and API keys are looked up in the database: its outage is 503, not a failed sign-in or a 500.
        throw outageOr(err);
      }
    },
  });
  return { handler, apollo, gateway };
}
