import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, chmodSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { consoleGql, signIn } from './support/session';

/**
 * Runs `node dist/src/cli/start.js` (what `npm start` runs after building) as a user
 * would, or `npm start` itself (the build skipped: npm test has just built).
 */
function start(dataDir: string, port: number, via: 'node' | 'npm' = 'node'): { child: ChildProcess; output: () => string; ready: Promise<void> } {
  const env: NodeJS.ProcessEnv = { ...process.env, HUB_DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(port + 1), LOG_LEVEL: 'info', HUB_SKIP_BUILD: '1' };
  delete env.DATABASE_URL;
  const child =
    via === 'npm'
      ? spawn('npm', ['start'], { env, cwd: path.join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(process.execPath, [path.join(__dirname, '..', 'src', 'cli', 'start.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('hub is running')) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`start exited with ${code}:\n${out}`));
    });
  });
  return { child, output: () => out, ready };
}

/** Every process below `pid` (npm → node → postgres and its workers), read from /proc. */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command may hold spaces and parentheses: the fields after the last ')' are fixed.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of parentOf) {
      if (parent !== p) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
};

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('npm start', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xuncha-start-'));
  chmodSync(dir, 0o755);
  const dataDir = path.join(dir, 'data');
  const port = 47000 + (process.pid % 1000) * 2;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts with demo data on an empty data directory, serves it, and stops PostgreSQL cleanly on SIGTERM and SIGINT, also sent to npm start', async () => {
    const first = start(dataDir, port);
    await first.ready;
    expect(first.output()).toContain('demo data seeded now');
    const token = first.output().match(/Authorization: Bearer (\S+)/)![1];
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ units(first: 1) { totalCount } }' }),
    });
    expect(((await res.json()) as any).data.units.totalCount).toBeGreaterThan(200);

    // The banner names the console and the demo logins with their password, and they work: the page is served there,
    // a printed login signs in with the printed password (this hub's own, not the test run's), and a wrong one does not.
    const consoleUrl = first.output().match(/Web console 控制台 \(open in a browser\):\s+(\S+)/)![1];
    expect(consoleUrl).toMatch(new RegExp(`^http://[^/]+:${port}/$`));
    const html = await fetch(consoleUrl);
    expect(html.status).toBe(200);
    expect(await html.text()).toMatch(/<html lang="zh-CN">[\s\S]*<div id="root"/);
    const password = first.output().match(/Demo logins 演示账号, password 密码 for all of them: (\S+)/)![1];
    const logins = [...first.output().matchAll(/^ {4}([a-z][a-z0-9-]+) +\S/gm)].map((m) => m[1]);
    expect(logins).toEqual(expect.arrayContaining(['admin', 'xcb-office', 'xcb-member', 'xfj-officer']));
    const graphqlUrl = `${consoleUrl}graphql`;
    for (const login of ['xfj-officer', 'admin']) {
      const signedIn = await signIn(graphqlUrl, login, password);
      expect(signedIn.status).toBe(200);
      expect((await consoleGql(graphqlUrl, signedIn.session!, '{ me { login } }')).data.me.login).toBe(login);
    }
    expect((await signIn(graphqlUrl, 'xcb-office', `${password}x`)).status).toBe(401);

    // It serves as xuncha_app, which is no superuser; the cluster's superuser has a generated password, not the well-known one.
    const secrets = JSON.parse(readFileSync(path.join(dataDir, 'dev-secrets.json'), 'utf8'));
    const superuser = (password: string) => `postgres://hub:${encodeURIComponent(password)}@127.0.0.1:${port + 1}/hub`;
    const sql = async (url: string, text: string) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query(text)).rows;
      } finally {
        await c.end();
      }
    };
    await expect(sql(superuser('hub'), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
    const sessions = await sql(superuser(secrets.EMBEDDED_PG_PASSWORD), `SELECT DISTINCT s.usename, r.rolsuper FROM pg_stat_activity s JOIN pg_roles r ON r.rolname = s.usename WHERE s.application_name LIKE 'xuncha-hub:%'`);
    expect(sessions).toEqual([{ usename: 'xuncha_app', rolsuper: false }]);
    // As a cluster made before passwords were generated: the next start replaces the well-known one.
    await sql(superuser(secrets.EMBEDDED_PG_PASSWORD), `ALTER ROLE hub PASSWORD 'hub'`);

    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    expect(existsSync(pidFile)).toBe(true);
    first.child.kill('SIGTERM');
    expect(await exited(first.child)).toBe(0);
    expect(first.output()).toContain('embedded PostgreSQL stopped');
    expect(existsSync(pidFile)).toBe(false); // PostgreSQL shut down, not killed

    // Data is kept across restarts: the second start seeds nothing.
    const second = start(dataDir, port);
    await second.ready;
    expect(second.output()).not.toContain('demo data seeded now');
    await expect(sql(superuser('hub'), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
    expect(await sql(superuser(secrets.EMBEDDED_PG_PASSWORD), 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    second.child.kill('SIGINT');
    expect(await exited(second.child)).toBe(0);
    expect(existsSync(pidFile)).toBe(false);

    // `npm start` as a user runs it: a signal to the npm process stops the hub and its PostgreSQL, leaving nothing behind.
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const viaNpm = start(dataDir, port, 'npm');
      await viaNpm.ready;
      const tree = descendants(viaNpm.child.pid!);
      const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      expect(tree).toContain(postmaster);
      viaNpm.child.kill(signal);
      expect(await exited(viaNpm.child)).toBe(0);
      expect(viaNpm.output()).toContain('embedded PostgreSQL stopped');
      const deadline = Date.now() + 10_000;
      while (tree.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect({ signal, left: tree.filter(alive) }).toEqual({ signal, left: [] });
      expect(existsSync(pidFile)).toBe(false);
    }
  }, 180_000);
});
