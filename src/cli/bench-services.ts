import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

/** The other servers the bench compares the hub with, each started the way it is run for real. */

const ROOT = path.join(__dirname, '..', '..', '..');

export interface Service {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const stopChild = async (child: ChildProcess) => {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
};

/** A forked process of this folder that reports the URL it serves (or why it could not start). */
async function forkService(script: string, what: string, init?: unknown): Promise<Service> {
  const child = fork(path.join(__dirname, script), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { url?: string; error?: string }) => (m.url ? resolve(m.url) : reject(new Error(m.error))));
    child.once('exit', (code) => reject(new Error(`${what} exited (${code})`)));
    if (init !== undefined) child.send(init as object);
  });
  return { url, stop: () => stopChild(child) };
}

/** The floor of any GraphQL server here: a bare @apollo/server answering `{ __typename }`, in its own process (bench-bare.ts). */
export const startBareApollo = (): Promise<Service> => forkService('bench-bare.js', 'bare @apollo/server');

/**
 * Hive Gateway in its own process, as an operator runs it: the committed supergraph,
 * `router/gateway.config.ts`, subgraph URLs from the environment (as test/support/hive.ts).
 */
export async function startHiveGateway(subgraphUrls: Record<string, string>): Promise<Service> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js'), 'supergraph', 'schema/supergraph.graphql', '-c', 'router/gateway.config.ts', '-p', String(port), '-h', '127.0.0.1'],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', ...Object.fromEntries(Object.entries(subgraphUrls).map(([n, u]) => [`SUBGRAPH_${n.toUpperCase()}_URL`, u])) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Hive Gateway exited:\n${out}`);
    if (await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Hive Gateway not ready after 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url: `http://127.0.0.1:${port}/graphql`, stop: () => stopChild(child) };
}

/** The hub's own gateway in its own process (bench-gateway.ts), every subgraph reached over HTTP. */
export const startHubGateway = (databaseUrl: string, subgraphUrls: Record<string, string>): Promise<Service> =>
  forkService('bench-gateway.js', 'hub gateway', { databaseUrl, subgraphUrls });
