import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { log } from '../../log';
import { SUBGRAPHS } from '../../subgraphs/registry';
import type { SeedWorld } from '../../subgraphs/types';
import { seededRandom } from './random';

export type SeedStatus = 'EMPTY' | 'SEEDED' | 'INTERRUPTED' | 'HAS_DATA';

/**
 * EMPTY: nothing yet. SEEDED: the demo city is complete. INTERRUPTED: a demo seed
 * started and never finished. HAS_DATA: agencies exist without a demo seed (a real
 * deployment), which is never touched.
 */
export async function seedStatus(sources: Map<string, DataSource>): Promise<SeedStatus> {
  const access = sources.get('access')!;
  const [state] = await access.query('SELECT completed_at FROM access.seed_state ORDER BY id DESC LIMIT 1');
  if (state) return state.completed_at ? 'SEEDED' : 'INTERRUPTED';
  const [{ n }] = await access.query('SELECT count(*)::int AS n FROM access.agency');
  return n === 0 ? 'EMPTY' : 'HAS_DATA';
}

export async function isEmpty(sources: Map<string, DataSource>): Promise<boolean> {
  return (await seedStatus(sources)) === 'EMPTY';
}

/** Drops every subgraph's tables (demo databases only), as their owner, so the next migration starts afresh. */
export async function dropHubSchemas(ownerUrl: string): Promise<void> {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    for (const mod of SUBGRAPHS) await owner.query(`DROP SCHEMA IF EXISTS "${mod.name}" CASCADE`);
  } finally {
    await owner.end();
  }
}

/**
 * Seeds the fictional city 明湖市 into every subgraph. Scale N multiplies units and
 * everything hanging off them (for benchmarks); regions and agencies stay the same.
 */
export async function seedAll(sources: Map<string, DataSource>, scale: number, dataDir?: string): Promise<SeedWorld> {
  const started = Date.now();
  const world: SeedWorld = { scale, agencies: [], regions: [], units: [], cadres: [], rand: seededRandom(20240901) };
  const access = sources.get('access')!;
  const [{ id: stateId }] = await access.query('INSERT INTO access.seed_state (scale) VALUES ($1) RETURNING id', [scale]);
  for (const mod of SUBGRAPHS) {
    if (!mod.seed) continue;
    const ds = sources.get(mod.name);
    if (!ds) throw new Error(`seeding needs the ${mod.name} database`);
    await mod.seed(ds, world);
  }
  for (const mod of SUBGRAPHS) if (mod.seedFinal) await mod.seedFinal(sources.get(mod.name)!, world);
  await access.query('UPDATE access.seed_state SET completed_at = now() WHERE id = $1', [stateId]);
  if (dataDir && world.apiKeys) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'demo-api-keys.json'), JSON.stringify(world.apiKeys, null, 2), { mode: 0o600 });
  }
  log.info({ scale, units: world.units.length, cadres: world.cadres.length, ms: Date.now() - started }, 'demo data seeded');
  return world;
}
