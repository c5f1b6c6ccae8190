import 'reflect-metadata';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { loadConfig } from '../config';
import { connectSubgraph, openDatabase } from '../db/database';
import { defaultSubgraphPort } from '../gateway/compose';
import { log } from '../log';
import { subgraphByName } from '../subgraphs/registry';
import { createSubgraph } from '../subgraphs/server';
import { fail, parseArgs } from './args';

/**
 * `npm run start:subgraph -- <name> [--port N]`: one subgraph as its own HTTP
 * service (DATABASE_URL may point at the agency's own database). Point the gateway
 * at it with SUBGRAPH_<NAME>_URL. It answers only requests signed by a gateway
 * sharing HUB_INTERNAL_SECRET.
 */
async function main() {
  const { positional, flags } = parseArgs();
  if (!positional[0]) fail('usage: npm run start:subgraph -- <organization|petition|discipline|audit|inspection|access> [--port N]');
  const mod = subgraphByName(positional[0]);
  const config = loadConfig();
  const port = typeof flags.port === 'string' ? Number(flags.port) : defaultSubgraphPort(mod.name);
  const db = await openDatabase(config);
  const ds = await connectSubgraph(mod, db.url);
  const sub = await createSubgraph(mod, ds);
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', subgraph: mod.name });
  });
  app.use('/graphql', express.json({ limit: config.maxBodyBytes }), expressMiddleware(sub.server, { context: ({ req }) => sub.contextFromHeaders(req.headers) }));
  const server = app.listen(port, config.host, () => {
    process.stdout.write(`subgraph ${mod.name} listening on http://${config.host}:${port}/graphql\n`);
  });
  const stop = async () => {
    server.close();
    await sub.server.stop();
    await ds.destroy();
    await db.embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  log.info({ subgraph: mod.name, port }, 'subgraph started');
}

main().catch((err) => fail(String(err?.stack ?? err)));
