import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { jsonErrors } from '../common/http-errors';
import { loadConfig } from '../config';
import type { RunningSubgraph } from './server';

export interface ServedSubgraph {
  url: string;
  close(): Promise<void>;
}

/** Serves one subgraph over HTTP at /graphql (used by `npm run start:subgraph` and by tests). */
export async function serveSubgraph(sub: RunningSubgraph, port: number, host = loadConfig().host): Promise<ServedSubgraph> {
  const config = loadConfig();
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', subgraph: sub.mod.name });
  });
  app.use('/graphql', express.json({ limit: config.maxBodyBytes }), expressMiddleware(sub.server, { context: ({ req }) => sub.contextFromHeaders(req.headers) }));
  app.use(jsonErrors(config.maxBodyBytes));
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actual}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
