import 'reflect-metadata';
import { loadConfig } from '../config';
import { connectSubgraph, openDatabase } from '../db/database';
import { defaultSubgraphPort } from '../gateway/compose';
import { log } from '../log';
import { subgraphByName } from '../subgraphs/registry';
import { serveSubgraph } from '../subgraphs/http';
import { createSubgraph } from '../subgraphs/server';
import { fail, parseArgs } from './args';
import { stopOnSignals } from './signals';

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
  const db = await openDatabase(config, undefined, true);
  const ds = await connectSubgraph(mod, db, { production: config.production });
  const sub = await createSubgraph(mod, ds);
  const served = await serveSubgraph(sub, port);
  process.stdout.write(`subgraph ${mod.name} listening on ${served.url}\n`);
  log.info({ subgraph: mod.name, port }, 'subgraph started');
  stopOnSignals(
    async () => {
      await served.close();
      await sub.server.stop();
      await ds.destroy();
      await db.embedded?.stop();
    },
    () => served.http.hurry(),
  );
}

main().catch((err) => fail(String(err?.stack ?? err)));
