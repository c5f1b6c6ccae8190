import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { log } from '../../log';
import { SUBGRAPHS } from '../../subgraphs/registry';
import type { SeedWorld } from '../../subgraphs/types';
import { seededRandom } from './random';

/** True when nothing has been seeded or published yet. */
export async function isEmpty(sources: Map<string, DataSource>): Promise<boolean> {
  const [{ n }] = await sources.get('access')!.query('SELECT count(*)::int AS n FROM access.agency');
  return n === 0;
}

/**
 * Seeds the fictional city 明湖市 into every subgraph. Scale N multiplies units and
 * everything hanging off them (for benchmarks); regions and agencies stay the same.
 */
export async function seedAll(sources: Map<string, DataSource>, scale: number, dataDir?: string): Promise<SeedWorld> {
  const started = Date.now();
  const world: SeedWorld = { scale, agencies: [], regions: [], units: [], cadres: [], rand: seededRandom(20240901) };
  for (const mod of SUBGRAPHS) {
    if (!mod.seed) continue;
    const ds = sources.get(mod.name);
    if (!ds) throw new Error(`seeding needs the ${mod.name} database`);
    await mod.seed(ds, world);
  }
  if (dataDir && world.apiKeys) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'demo-api-keys.json'), JSON.stringify(world.apiKeys, null, 2), { mode: 0o600 });
  }
  log.info({ scale, units: world.units.length, cadres: world.cadres.length, ms: Date.now() - started }, 'demo data seeded');
  return world;
}
