import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config';
import { mintToken } from '../../src/gateway/tokens';
import { ensureAppRole } from '../../src/db/roles';
import { startHub, type Hub, type HubOptions } from '../../src/hub';

export interface TestHub extends Hub {
  /** A Bearer token for a demo principal by login (admin, xcb-office, xfj-system, ...). */
  token(login: string): Promise<string>;
  /** Id of a demo principal by login. */
  principalId(login: string): Promise<string>;
  /** Runs SQL on the hub's database as the test server's superuser (what an attacker with those credentials could do). */
  superuser<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
}

/**
 * A hub of its own for one test file: a fresh database with the demo data in the
 * shared test PostgreSQL, every subgraph in-process, the gateway on a free port.
 * It runs the way a deployment does: migrations as the owner (the test server's
 * superuser), serving as an application role of its own that neither is a
 * superuser nor owns a table (`hub.db.url`).
 */
export async function startTestHub(options: HubOptions & { adminUrl?: string } = {}): Promise<TestHub> {
  const { adminUrl = process.env.HUB_TEST_ADMIN_URL, ...hubOptions } = options;
  if (!adminUrl) throw new Error('HUB_TEST_ADMIN_URL is not set: run the tests with npm test');
  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const ownerUrl = url.toString();
  let hub: Hub;
  try {
    // Roles belong to the whole server: one per test database, so parallel test files never share one.
    const appUrl = await ensureAppRole(ownerUrl, `${name}_app`, randomBytes(18).toString('base64url'));
    // Each hub writes its demo API keys and audit checkpoints into a data directory of its own.
    const dataDir = path.join(loadConfig().dataDir, name);
    hub = await startHub({ port: 0, databaseUrl: appUrl, migrationDatabaseUrl: ownerUrl, seed: true, ...hubOptions, config: { dataDir, ...hubOptions.config } });
  } catch (err) {
    await dropDatabase(adminUrl, name);
    throw err;
  }
  const config = loadConfig();
  const principalId = async (login: string) => {
    const [row] = await hub.sources.get('access')!.query('SELECT id FROM access.principal WHERE login = $1', [login]);
    if (!row) throw new Error(`no demo principal ${login}`);
    return row.id as string;
  };
  const stop = hub.stop;
  const superuser = async (sql: string, params?: unknown[]) => {
    const c = new pg.Client({ connectionString: ownerUrl });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows;
    } finally {
      await c.end();
    }
  };
  return {
    ...hub,
    principalId,
    superuser,
    token: async (login: string) => `Bearer ${await mintToken(config, await principalId(login))}`,
    stop: async () => {
      await stop();
      await dropDatabase(adminUrl, name);
    },
  };
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const a = new pg.Client({ connectionString: adminUrl });
  await a.connect();
  await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await a.query(`DROP ROLE IF EXISTS ${name}_app`);
  await a.end();
}

export interface GqlResult<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: Record<string, any>;
}

/** A GraphQL call over HTTP, the way a client makes it. */
export async function gql<T = any>(url: string, authorization: string | undefined, query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GqlResult<T>, 'status'>;
  return { status: res.status, ...body };
}

/** Error codes of a result, for compact assertions. */
export const codes = (r: GqlResult) => (r.errors ?? []).map((e) => e.extensions?.code);

/** Creates a grant as the demo admin, through the API; returns its id. */
export async function grant(hub: TestHub, input: Record<string, unknown>): Promise<string> {
  const res = await gql(hub.url, await hub.token('admin'), 'mutation($i: GrantInput!) { createGrant(input: $i) { id } }', {
    i: { fields: [], unitCreditCodes: [], purpose: '测试授权', ...input },
  });
  if (res.errors) throw new Error(`createGrant failed: ${JSON.stringify(res.errors)}`);
  return res.data.createGrant.id;
}

/** Id of a demo agency by its code (xcb, jw, sj, zzb, xfj, gaj, ...). */
export async function agencyId(hub: TestHub, code: string): Promise<string> {
  const [row] = await hub.sources.get('access')!.query('SELECT id FROM access.agency WHERE code = $1', [code]);
  return row.id;
}
