import pg from 'pg';
import type { HubConfig } from '../config';
import { openDatabase } from '../db/database';

/**
 * For CLIs next to a running hub: use DATABASE_URL, or the embedded PostgreSQL the
 * hub started, or start the embedded one for the duration of the command.
 */
export async function withDatabaseUrl<T>(config: HubConfig, fn: (url: string) => Promise<T>): Promise<T> {
  if (config.databaseUrl) return fn(config.databaseUrl);
  const url = `postgres://hub:hub@127.0.0.1:${config.embeddedPgPort}/hub`;
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
    await probe.end();
    return await fn(url);
  } catch (err) {
    if (!/ECONNREFUSED|connect/i.test(String(err))) throw err;
  }
  const db = await openDatabase(config);
  try {
    return await fn(db.url);
  } finally {
    await db.embedded?.stop();
  }
}
