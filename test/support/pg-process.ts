import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface PgProcess {
  /** The superuser's URL. */
  url: string;
  child: ChildProcess;
  /** Stops PostgreSQL (fast shutdown: open connections are terminated) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL in a child process (pg-server.ts), so the test process holds no
 * server of its own: the whole run's server, and the one a test stops and starts
 * again (same directory, port and password) to play an outage.
 */
export async function spawnPostgres(dir: string, port: number, password?: string): Promise<PgProcess> {
  const child = spawn(process.execPath, [path.join(__dirname, 'pg-server.js'), dir, String(port), ...(password ? [password] : [])], {
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
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 15000).unref();
    });
  return { url, child, stop };
}
