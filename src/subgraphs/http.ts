import express from 'express';
import { GracefulServer, shutdownGraceMs } from '../common/graceful-server';
import { graphqlEndpoint } from '../common/graphql-endpoint';
import { jsonErrors } from '../common/http-errors';
import { loadConfig } from '../config';
import { log } from '../log';
import { outageOr } from '../common/outage';
import type { RunningSubgraph } from './server';

export interface ServedSubgraph {
  url: string;
  http: GracefulServer;
  /** Stops gracefully: requests in flight finish (within graceMs, default SHUTDOWN_GRACE_MS), new ones are refused. */
  close(graceMs?: number): Promise<void>;
}

/** Serves one subgraph over HTTP at /graphql (used by `npm run start:subgraph` and by tests). */
export async function serveSubgraph(sub: RunningSubgraph, port: number, host = loadConfig().host): Promise<ServedSubgraph> {
  const config = loadConfig();
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', subgraph: sub.mod.name });
  });
  // The gateway's /readyz asks this: the service is ready when its database answers.
  app.get('/readyz', async (_req, res) => {
    try {
      await sub.ds.query('SELECT 1');
      res.json({ status: 'ready', subgraph: sub.mod.name });
    } catch (err) {
      log.warn({ err: String(err), subgraph: sub.mod.name }, 'not ready');
      res.status(503).json({ status: 'unavailable', subgraph: sub.mod.name, database: 'down' });
    }
  });
  app.use(jsonErrors(config.maxBodyBytes));
  const handler = graphqlEndpoint(sub.server, {
    otherRoutes: app,
    maxBodyBytes: config.maxBodyBytes,
    // This request's statements (the caller lookup and the audit append included) go back in its response.
    // The caller is read from the database: its outage is 503 with Retry-After, which the gateway reports as this service being unavailable.
    context: (req, sql) => sub.contextFromHeaders(req.headers, sql).catch((err) => Promise.reject(outageOr(err))),
  });
  const http = new GracefulServer(handler);
  const actual = await http.listen(port, host);
  return {
    url: `http://${host}:${actual}/graphql`,
    http,
    close: (graceMs = shutdownGraceMs()) => http.stop(graceMs),
  };
}
