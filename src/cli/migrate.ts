import 'reflect-metadata';
import { loadConfig } from '../config';
import { connectSubgraph } from '../db/database';
import { SUBGRAPHS, subgraphByName } from '../subgraphs/registry';
import { fail, parseArgs } from './args';
import { withDatabaseUrl } from './connect';

/** `npm run migrate [-- <subgraph>]`: applies pending migrations (the hub also does this at start). */
async function main() {
  const { positional } = parseArgs();
  const mods = positional[0] ? [subgraphByName(positional[0])] : SUBGRAPHS;
  await withDatabaseUrl(loadConfig(), async (url) => {
    for (const mod of mods) {
      const ds = await connectSubgraph(mod, url, false);
      try {
        const applied = await ds.runMigrations({ transaction: 'each' });
        process.stdout.write(`${mod.name}: ${applied.length ? applied.map((m) => m.name).join(', ') : 'up to date'}\n`);
      } finally {
        await ds.destroy();
      }
    }
  });
}

main().catch((err) => fail(String(err?.stack ?? err)));
