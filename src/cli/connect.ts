import type { HubConfig } from '../config';
import { openDatabase, type Database } from '../db/database';

/**
 * For CLIs next to a running hub: use DATABASE_URL (and MIGRATION_DATABASE_URL),
 * or the embedded PostgreSQL the hub started, or start the embedded one for the
 * duration of the command. `db.url` is the application role, `db.ownerUrl` the
 * owner of the tables (migrations, dropping schemas).
 */
export async function withDatabase<T>(config: HubConfig, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(config);
  try {
    return await fn(db);
  } finally {
    await db.embedded?.stop();
  }
}
