import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface PgChild {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * An embedded PostgreSQL in a child process (the package is ESM-only, which jest cannot
 * import): `settings` are server settings, `logFile` receives the server's log output.
 */
export async function spawnPgServer(dir: string, port: number, opts: { settings?: Record<string, string>; logFile?: string } = {}): Promise<PgChild> {
  const child = spawn(process.execPath, [path.join(__dirname, 'pg-server.js'), dir, String(port), JSON.stringify(opts.settings ?? {}), opts.logFile ?? ''], {
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
  return { url, child, stop: () => stopPgServer(child) };
}

export function stopPgServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 15000).unref();
  });
}
