import { createHash, randomUUID } from 'node:crypto';
import { appendDisclosures } from '../authz/audit-chain';
import { type GraphQLDataSource, ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express from 'express';
import type { DataSource } from 'typeorm';
import { formatError } from '../common/format-error';
import { jsonErrors } from '../common/http-errors';
import type { HubConfig } from '../config';
import { runWithSqlCounter, type SqlCounter } from '../db/sql-counter';
import { log } from '../log';
import type { RunningSubgraph } from '../subgraphs/server';
import { authenticate } from './auth';
import { costLimitPlugin } from './cost';
import type { GatewayContext } from './context';
import { InProcessDataSource, SignedRemoteDataSource } from './datasources';
import { EXAMPLE_QUERY } from './example';
import { briefingRoute } from './briefing';
import { playgroundHtml } from './playground';
import { mountConsole } from './console';
import { callerAuthorization } from './session';

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v));
  return false;
}

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
                requestId: contextValue.identity?.requestId,
                principal: contextValue.identity?.principalId,
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

/**
 * Writes what the request disclosed to the hash-chained audit trail before the
 * response leaves: one append (one INSERT) per request, however many records. If
 * the trail cannot be written, the data is not sent.
 */
const auditPlugin = (accessDs: DataSource): ApolloServerPlugin<GatewayContext> => ({
  async requestDidStart({ request, contextValue }) {
    return {
      async willSendResponse({ response, operationName }) {
        const groups = contextValue.disclosures ?? [];
        if (!groups.length || !contextValue.identity) return;
        const operationHash = createHash('sha256').update(request.query ?? '').digest('hex');
        try {
          await appendDisclosures(
            accessDs,
            groups.map((g) => ({
              requestId: contextValue.identity.requestId,
              principalId: contextValue.identity.principalId,
              agencyId: contextValue.identity.agencyId,
              operationName: operationName ?? request.operationName ?? null,
              operationHash,
              ...g,
            })),
          );
        } catch (err) {
          log.error({ err, requestId: contextValue.identity.requestId }, 'disclosure audit failed; response withheld');
          if (response.body.kind === 'single') {
            response.body.singleResult.data = null;
            response.body.singleResult.errors = [{ message: 'The disclosure could not be audited; nothing was sent', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] as never;
          }
        }
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
      if (remote) return new SignedRemoteDataSource(remote, config.internalSecret, name, () => gateway.schema);
      const local = subgraphs.get(name);
      if (!local) throw new Error(`Subgraph ${name} is neither in-process nor configured with SUBGRAPH_${name.toUpperCase()}_URL`);
      return new InProcessDataSource(local, config.internalSecret);
    },
  });
  const armor = new ApolloArmor({
    maxDepth: { n: config.limits.depth },
    // Cost is checked by costLimitPlugin, which sees variable values.
    costLimit: { enabled: false },
    maxAliases: { n: config.limits.aliases },
    maxTokens: { n: config.limits.tokens },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: config.production },
  }).protect();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    formatError,
    csrfPrevention: true,
    // The hub stops its servers itself, then the database: Apollo's own signal handling would kill the process midway.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    validationRules: armor.validationRules,
    plugins: [...armor.plugins, costLimitPlugin(config.limits.cost), ApolloServerPluginLandingPageDisabled(), auditPlugin(accessDs), sqlCountPlugin(!config.production)],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await accessDs.query('SELECT 1');
      res.json({ status: 'ready' });
    } catch (err) {
      log.warn({ err: String(err) }, 'not ready');
      res.status(503).json({ status: 'database unavailable' });
    }
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
    (req, res, next) => {
      // PostgreSQL text cannot hold NUL; refuse it here with a clear code rather than deep in SQL.
      if (containsNul(req.body)) {
        res.status(400).json({ errors: [{ message: 'Strings may not contain the NUL character (\\u0000)', extensions: { code: 'BAD_USER_INPUT' } }] });
        return;
      }
      next();
    },
    (req, _res, next) => {
      const counter: SqlCounter = { statements: 0 };
      (req as express.Request & { sqlCounter?: SqlCounter }).sqlCounter = counter;
      runWithSqlCounter(counter, () => next());
    },
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const authorization = await callerAuthorization(req, accessDs, config, 'api');
        const identity = await authenticate(authorization, req.get('x-request-id') ?? randomUUID(), accessDs, config);
        return { identity, sql: (req as express.Request & { sqlCounter: SqlCounter }).sqlCounter, disclosures: [] };
      },
    }),
  );
  app.use(jsonErrors(config.maxBodyBytes));
  return { app, apollo, gateway };
}
