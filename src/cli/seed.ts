import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../config';
import { connectSubgraph } from '../db/database';
import { dropHubSchemas, isEmpty, seedAll } from '../db/seed/run';
import { SUBGRAPHS } from '../subgraphs/registry';
import { fail, parseArgs } from './args';
import { withDatabase } from './connect';

/**
 * `npm run seed -- [--scale N] [--reset]`: seeds the demo city N times larger.
 * Refuses a database that already holds data unless --reset, which drops the hub's
 * schemas first (never use it on a real deployment).
 */
async function main() {
  const { flags } = parseArgs();
  const scale = flags.scale === undefined ? 1 : Number(flags.scale);
  if (!Number.isInteger(scale) || scale < 1 || scale > 60) fail("--scale must be a whole number from 1 to 60");
  const config = loadConfig();
  if (flags.reset && config.production) fail('--reset is refused when NODE_ENV=production');
  await withDatabase(config, async (db) => {
    const sources = new Map<string, DataSource>();
    try {
      if (flags.reset) await dropHubSchemas(db.ownerUrl);
      for (const mod of SUBGRAPHS) sources.set(mod.name, await connectSubgraph(mod, db, { production: config.production }));
      if (!(await isEmpty(sources))) fail('The database already holds data; run with --reset to replace it with a fresh demo city');
      const world = await seedAll(sources, scale, config.dataDir);
      process.stdout.write(`seeded scale ${scale}: ${world.units.length} units, ${world.cadres.length} cadres\n`);
    } finally {
      for (const ds of sources.values()) if (ds.isInitialized) await ds.destroy();
    }
  });
}

main().catch((err) => fail(String(err?.stack ?? err)));
