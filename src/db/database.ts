import path from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { HubConfig } from '../config';
import type { SubgraphModule } from '../subgraphs/types';
import { ensureSchema, subgraphDataSource } from './datasource';
import { startEmbeddedPostgres, type EmbeddedHandle } from './embedded';

export interface Database {
  url: string;
  embedded?: EmbeddedHandle;
}

export const embeddedUrl = (config: HubConfig) => `postgres://hub:hub@127.0.0.1:${config.embeddedPgPort}/hub`;

async function answers(url: string): Promise<boolean> {
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
    await probe.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * DATABASE_URL when given; otherwise the embedded PostgreSQL under the data
 * directory — the one another process of the hub already runs (npm start next to
 * npm run start:subgraph, or a CLI), or a new one.
 */
export async function openDatabase(config: HubConfig, urlOverride?: string, callerHandlesSignals = false): Promise<Database> {
  const url = urlOverride ?? config.databaseUrl;
  if (url) return { url };
  if (await answers(embeddedUrl(config))) return { url: embeddedUrl(config) };
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
