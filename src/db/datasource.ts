import pg from 'pg';
import { DataSource } from 'typeorm';
import type { SubgraphModule } from '../subgraphs/types';
import { CountingLogger } from './sql-counter';

// `date` columns stay 'YYYY-MM-DD' strings: converting them to JS Dates shifts them by the time zone.
pg.types.setTypeParser(1082, (v: string) => v);

/**
 * One data source per subgraph, confined to its own PostgreSQL schema: in the
 * distributed deployment each subgraph may have a database of its own, so no
 * subgraph may join across schemas.
 */
export function subgraphDataSource(
  mod: Pick<SubgraphModule, 'name' | 'entities' | 'migrations'>,
  url: string,
  { poolSize = 5, installExtensions = true }: { poolSize?: number; installExtensions?: boolean } = {},
): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    schema: mod.name,
    entities: mod.entities,
    migrations: mod.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    // Only the owner installs extensions; the application role could not.
    installExtensions,
    logging: ['query', 'error', 'warn', 'migration'],
    logger: new CountingLogger(),
    extra: { max: poolSize, application_name: `xuncha-hub:${mod.name}` },
  });
}

/**
 * Migrations create their own schema first, so a brand-new database works. Only
 * when it is missing: CREATE SCHEMA needs a privilege on the database that a role
 * without it (the application role) lacks even with IF NOT EXISTS.
 */
export async function ensureSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (!rowCount) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await client.end();
  }
}
