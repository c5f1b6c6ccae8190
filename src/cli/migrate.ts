import 'reflect-metadata';
import { loadConfig } from '../config';
import { migrateSubgraph } from '../db/database';
import { SUBGRAPHS, subgraphByName } from '../subgraphs/registry';
import { fail, parseArgs } from './args';
import { withDatabase } from './connect';

/** `npm run migrate [-- <subgraph>]`: applies pending migrations as the owner (MIGRATION_DATABASE_URL) and grants the application role what it may do; the hub does both at start too. */
async function main() {
  const { positional } = parseArgs();
  const mods = positional[0] ? [subgraphByName(positional[0])] : SUBGRAPHS;
  await withDatabase(loadConfig(), async (db) => {
    for (const mod of mods) {
      const applied = await migrateSubgraph(mod, db);
      process.stdout.write(`${mod.name}: ${applied.length ? applied.join(', ') : 'up to date'}\n`);
    }
  });
}

main().catch((err) => fail(String(err?.stack ?? err)));
