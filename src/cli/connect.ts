import type { HubConfig } from '../config';
import { openDatabase } from '../db/database';

/**
 * For CLIs next to a running hub: use DATABASE_URL, or the embedded PostgreSQL the
 * hub started, or start the embedded one for the duration of the command.
 */
export async function withDatabaseUrl<T>(config: HubConfig, fn: (url: string) => Promise<T>): Promise<T> {
  const db = await openDatabase(config);
  try {
    return await fn(db.url);
  } finally {
    await db.embedded?.stop();
  }
}
