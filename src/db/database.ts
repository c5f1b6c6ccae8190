import path from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { devSecret, type HubConfig } from '../config';
import type { SubgraphModule } from '../subgraphs/types';
import { ensureSchema, subgraphDataSource } from './datasource';
import { embeddedSuperuserUrl, startEmbeddedPostgres, type EmbeddedHandle } from './embedded';
import { checkAppRole, EMBEDDED_APP_ROLE, ensureAppRole, grantAppRole } from './roles';

export interface Database {
  /** What the hub serves as: the application role (see roles.ts). */
  url: string;
  /** What migrations, schema drops and grants run as: the owner of the hub's tables. */
  ownerUrl: string;
  embedded?: EmbeddedHandle;
}

/** The embedded cluster's superuser, with its generated password: the owner role of the embedded setup. */
export const embeddedUrl = (config: HubConfig) => embeddedSuperuserUrl(config.embeddedPgPort, devSecret('EMBEDDED_PG_PASSWORD', config));

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
 * DATABASE_URL (the application role) and MIGRATION_DATABASE_URL (the owner;
 * default DATABASE_URL) when given; otherwise the embedded PostgreSQL under the
 * data directory — the one another process of the hub already runs (npm start next
 * to npm run start:subgraph, or a CLI), or a new one — whose superuser is the
 * owner and `xuncha_app` (created if missing) the application role.
 */
export async function openDatabase(config: HubConfig, given?: { url: string; ownerUrl?: string }, callerHandlesSignals = false): Promise<Database> {
  if (given) return { url: given.url, ownerUrl: given.ownerUrl ?? given.url };
  if (config.databaseUrl) return { url: config.databaseUrl, ownerUrl: config.migrationDatabaseUrl ?? config.databaseUrl };
  let ownerUrl = embeddedUrl(config);
  let embedded: EmbeddedHandle | undefined;
  if (!(await answers(ownerUrl))) {
    embedded = await startEmbeddedPostgres(path.join(config.dataDir, 'pg'), config.embeddedPgPort, { callerHandlesSignals, password: devSecret('EMBEDDED_PG_PASSWORD', config) });
    ownerUrl = embedded.url;
  }
  try {
    return { url: await ensureAppRole(ownerUrl, EMBEDDED_APP_ROLE, devSecret('EMBEDDED_PG_APP_PASSWORD', config)), ownerUrl, embedded };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}

const roleNames = new Map<string, Promise<string>>();
/** The role a URL logs in as (its user, or the server's default when it names none). */
function roleOf(url: string): Promise<string> {
  let name = roleNames.get(url);
  if (!name) {
    name = (async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query('SELECT current_user AS name')).rows[0].name as string;
      } finally {
        await client.end();
      }
    })();
    name.catch(() => roleNames.delete(url));
    roleNames.set(url, name);
  }
  return name;
}

/**
 * As the owner: creates the subgraph's schema if missing, applies its pending
 * migrations, and grants the application role what it may do there. Returns the
 * names of the migrations applied.
 */
export async function migrateSubgraph(mod: SubgraphModule, db: Database): Promise<string[]> {
  await ensureSchema(db.ownerUrl, mod.name);
  const owner = subgraphDataSource(mod, db.ownerUrl, { poolSize: 1 });
  await owner.initialize();
  try {
    const applied = await owner.runMigrations({ transaction: 'each' });
    if (db.url !== db.ownerUrl) {
      const [app, own] = await Promise.all([roleOf(db.url), roleOf(db.ownerUrl)]);
      if (app !== own) await grantAppRole(owner, mod.name, app);
    }
    return applied.map((m) => m.name);
  } finally {
    await owner.destroy();
  }
}

/**
 * Connects a subgraph to its schema as the application role. Unless `migrate` is
 * false (read-only tools), first migrates as the owner and then checks that the
 * application role cannot switch off the triggers that keep history (refused in
 * production, a warning otherwise).
 */
export async function connectSubgraph(mod: SubgraphModule, db: Database, options: { migrate?: boolean; production?: boolean } = {}): Promise<DataSource> {
  const migrate = options.migrate ?? true;
  if (migrate) await migrateSubgraph(mod, db);
  const ds = subgraphDataSource(mod, db.url, { installExtensions: false });
  await ds.initialize();
  try {
    if (migrate) await checkAppRole(ds, mod.name, options.production ?? false);
  } catch (err) {
    await ds.destroy();
    throw err;
  }
  return ds;
}
