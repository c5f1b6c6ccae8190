import { randomUUID } from 'node:crypto';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express from 'express';
import type { DataSource } from 'typeorm';
import { formatError } from '../common/format-error';
import type { HubConfig } from '../config';
import { runWithSqlCounter, type SqlCounter } from '../db/sql-counter';
import { log } from '../log';
import type { RunningSubgraph } from '../subgraphs/server';
import { authenticate } from './auth';
import type { GatewayContext } from './context';
import { InProcessDataSource, SignedRemoteDataSource } from './datasources';
import { EXAMPLE_QUERY } from './example';
import { playgroundHtml } from './playground';

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

export async function createGateway(
  config: HubConfig,
  supergraphSdl: string,
  subgraphs: Map<string, RunningSubgraph>,
  accessDs: DataSource,
): Promise<GatewayParts> {
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      const remote = config.subgraphUrls[name];
      if (remote) return new SignedRemoteDataSource(remote, config.internalSecret);
      const local = subgraphs.get(name);
      if (!local) throw new Error(`Subgraph ${name} is neither in-process nor configured with SUBGRAPH_${name.toUpperCase()}_URL`);
      return new InProcessDataSource(local, config.internalSecret);
    },
  });
  const armor = new ApolloArmor({
    maxDepth: { n: config.limits.depth },
    costLimit: { maxCost: config.limits.cost },
    maxAliases: { n: config.limits.aliases },
    maxTokens: { n: config.limits.tokens },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: config.production },
  }).protect();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !config.production,
    includeStacktraceInErrorResponses: config.nodeEnv === 'development',
    formatError,
    csrfPrevention: true,
    // The hub stops its servers itself, then the database: Apollo's own signal handling would kill the process midway.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    validationRules: armor.validationRules,
    plugins: [...armor.plugins, ApolloServerPluginLandingPageDisabled(), sqlCountPlugin(!config.production)],
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
  app.get('/', (_req, res) => {
    res.redirect('/graphql');
  });
  app.use(
    '/graphql',
    servePage,
    express.json({ limit: config.maxBodyBytes }),
    (req, _res, next) => {
      const counter: SqlCounter = { statements: 0 };
      (req as express.Request & { sqlCounter?: SqlCounter }).sqlCounter = counter;
      runWithSqlCounter(counter, () => next());
    },
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const identity = await authenticate(req.headers.authorization, req.get('x-request-id') ?? randomUUID(), accessDs, config);
        return { identity, sql: (req as express.Request & { sqlCounter: SqlCounter }).sqlCounter };
      },
    }),
  );
  // Bodies over the limit and malformed JSON get a GraphQL-shaped error with a code, not an HTML page.
  app.use((err: Error & { type?: string; status?: number }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(err);
    if (err.type === 'entity.too.large') {
      res.status(413).json({ errors: [{ message: `Request body exceeds ${config.maxBodyBytes}`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    } else if (err.type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    } else {
      log.error({ err }, 'http error');
      res.status(err.status ?? 500).json({ errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  });
  return { app, apollo, gateway };
}
