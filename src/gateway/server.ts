import { type GraphQLDataSource, ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express from 'express';
import type { DataSource } from 'typeorm';
import { mergeDenialsPlugin } from '../authz/denials';
import { formatError } from '../common/format-error';
import { jsonErrors } from '../common/http-errors';
import { uuidInputPlugin } from '../common/uuid-input';
import { bodyGuard, nulGuardPlugin } from '../common/request-guard';
import type { HubConfig } from '../config';
import { runWithSqlCounter, type SqlCounter } from '../db/sql-counter';
import { log } from '../log';
import type { RunningSubgraph } from '../subgraphs/server';
import { withCallerCache } from '../auth/caller';
import { publicJwks } from '../auth/keys';
import { edgeContext } from './edge-auth';
import { costLimitPlugin } from '../common/cost';
import type { GatewayContext } from './context';
import { ForwardingRemoteDataSource, InProcessDataSource } from './datasources';
import { operationGuardPlugin } from './operation-guard';
import { readiness } from './services';
import { outageOr, outageStatusPlugin } from '../common/outage';
import { legacyJsonStatusPlugin } from '../common/graphql-over-http';
import { EXAMPLE_QUERY } from './example';
import { briefingRoute } from './briefing';
import { playgroundHtml } from './playground';
import { mountConsole } from './console';
import { callerAuthorization } from './session';

export interface GatewayParts {
  app: express.Express;
  apollo: ApolloServer<GatewayContext>;
  gateway: ApolloGateway;
}

/** Adds the per-request SQL statement count to the response (outside production), for tests and benchmarks. */
const sqlCountPlugin = (expose: boolean): ApolloServerPlugin<GatewayContext> => ({
  async requestDidStart({ contextValue, request }) {
    const started = Date.now();
    return {
      async willSendResponse({ response }) {
        if (expose && response.body.kind === 'single') {
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, sqlStatements: contextValue.sql?.statements };
        }
      },
      async didEncounterErrors({ errors }) {
        log.debug({ errors: errors.map((e) => e.message) }, 'request errors');
      },
      async willSendSubsequentPayload() {},
      async executionDidStart() {
        return {
          async executionDidEnd() {
            log.info(
              {
                requestId: contextValue.requestId,
                principal: contextValue.principalId,
                operation: request.operationName,
                ms: Date.now() - started,
                sql: contextValue.sql?.statements,
              },
              'graphql',
            );
          },
        };
      },
    };
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
      operationGuardPlugin(),
      nulGuardPlugin(),
      uuidInputPlugin(),
      costLimitPlugin(config.limits.cost),
      ApolloServerPluginLandingPageDisabled(),
      mergeDenialsPlugin(),
      sqlCountPlugin(!config.production),
      outageStatusPlugin(),
      legacyJsonStatusPlugin(),
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
  const page = playgroundHtml(EXAMPLE_QUERY);
  const servePage: express.RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' || !req.accepts('html') || req.query.query) return next();
    res.set('Content-Security-Policy', "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'");
    res.type('html').send(page);
  };
  mountConsole(app, apollo, accessDs, config);
  app.get('/dossier.html', briefingRoute(apollo, accessDs, config));
  app.use(
    '/graphql',
    servePage,
    express.json({ limit: config.maxBodyBytes }),
    // PostgreSQL text cannot hold NUL; refuse it (and absurdly deep JSON) here with a clear code rather than deep in SQL.
    bodyGuard,
    (req, _res, next) => {
      const counter: SqlCounter = { statements: 0 };
      (req as express.Request & { sqlCounter?: SqlCounter }).sqlCounter = counter;
      // One caller lookup per request, shared by the in-process subgraphs it reaches.
      runWithSqlCounter(counter, () => withCallerCache(() => next()));
    },
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          return {
            ...(await edgeContext(await callerAuthorization(req, accessDs, config, 'api'), req.get('x-request-id'), accessDs, config)),
            sql: (req as express.Request & { sqlCounter: SqlCounter }).sqlCounter,
          };
        } catch (err) {
          // Sessions and API keys are looked up in the database: its outage is 503, not a failed sign-in or a 500.
          throw outageOr(err);
        }
      },
    }),
  );
  app.use(jsonErrors(config.maxBodyBytes));
  return { app, apollo, gateway };
}
