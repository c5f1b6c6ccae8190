import pg from 'pg';
import type { DataSource } from 'typeorm';
import { log } from '../log';

/**
 * Two database roles. The OWNER (MIGRATION_DATABASE_URL; in the embedded setup the
 * cluster's superuser) creates the schemas and runs migrations, so it owns every
 * table. The APPLICATION role (DATABASE_URL; embedded: `xuncha_app`) is what the
 * hub serves as: neither a superuser nor an owner, so it cannot `ALTER TABLE …
 * DISABLE TRIGGER`, set `session_replication_role` or drop a table — the triggers
 * that keep history are out of its reach — and it may only add to those tables.
 */
export const EMBEDDED_APP_ROLE = 'xuncha_app';

/**
 * Tables whose triggers keep their history (grep the migrations for "not allowed"
 * and "append-only"), with what the application role may do to them: never
 * UPDATE or DELETE what is kept, never TRUNCATE anything. test/roles.test.ts
 * checks that every table with a TRUNCATE guard is listed here.
 */
export const KEPT_TABLES: Record<string, { schema: string; table: string; privileges: string }> = {
  'access.disclosure_audit': { schema: 'access', table: 'disclosure_audit', privileges: 'SELECT, INSERT' },
  // The sign-in log is evidence too: lock-outs are computed from it.
  'access.sign_in_event': { schema: 'access', table: 'sign_in_event', privileges: 'SELECT, INSERT' },
  'inspection.fast_track_event': { schema: 'inspection', table: 'fast_track_event', privileges: 'SELECT, INSERT' },
  // A clue moves through its states (UPDATE) but is never deleted.
  'inspection.fast_track_clue': { schema: 'inspection', table: 'fast_track_clue', privileges: 'SELECT, INSERT, UPDATE' },
};

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** `url` with another user and password. */
export function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates (or resets) a login role with no special attributes and returns the URL
 * that connects as it. Run as a role that may create roles (the embedded
 * superuser; tests' admin). Nothing is changed when the role already logs in with
 * this password and has no attribute it should not have.
 */
export async function ensureAppRole(ownerUrl: string, role: string, password: string): Promise<string> {
  const url = withCredentials(ownerUrl, role, password);
  const fine = await withClient(url, async (c) => {
    const { rows } = await c.query('SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls AS special FROM pg_roles WHERE rolname = current_user');
    return !rows[0].special;
  }).catch(() => false);
  if (fine) return url;
  await withClient(ownerUrl, async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${c.escapeLiteral(password)}`;
    await c.query(`${rowCount ? 'ALTER' : 'CREATE'} ROLE ${ident(role)} WITH ${attributes}`);
  });
  return url;
}

/**
 * What the application role may do in one subgraph's schema, set by the owner
 * after its migrations (so new tables are covered at once): read and write the
 * ordinary tables and draw their sequences; only SELECT the migrations table;
 * only what KEPT_TABLES says on kept ones. Everything is revoked and granted in
 * one transaction, so a running hub never sees a gap, and under a lock, since two
 * processes changing one table's privileges at once would collide.
 */
export async function grantAppRole(owner: DataSource, schema: string, role: string): Promise<void> {
  const s = ident(schema);
  const r = ident(role);
  await owner.transaction(async (m) => {
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`xuncha-grants:${schema}`]);
    await m.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM ${r}`);
    await m.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
    await m.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`);
    await m.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`);
    await m.query(`REVOKE INSERT, UPDATE, DELETE ON ${s}."migrations" FROM ${r}`);
    for (const kept of Object.values(KEPT_TABLES)) {
      if (kept.schema !== schema) continue;
      const t = `${s}.${ident(kept.table)}`;
      await m.query(`REVOKE ALL ON ${t} FROM ${r}`);
      await m.query(`GRANT ${kept.privileges} ON ${t} TO ${r}`);
    }
  });
}

/**
 * Why the role `ds` connects as could switch off the triggers that keep the kept
 * tables of `schema` (empty: it cannot): superuser, owner (or member of the
 * owner role) of such a table, or allowed to set session_replication_role.
 */
export async function tamperRisks(ds: DataSource, schema: string): Promise<string[]> {
  const kept = Object.entries(KEPT_TABLES).filter(([, k]) => k.schema === schema);
  if (!kept.length) return [];
  const [{ version }] = await ds.query(`SELECT current_setting('server_version_num')::int AS version`);
  // Parameter privileges exist from PostgreSQL 15; before, only superusers set session_replication_role.
  const replica = version >= 150000 ? `has_parameter_privilege('session_replication_role', 'SET')` : 'false';
  const [role] = await ds.query(`SELECT current_user AS name, rolsuper AS superuser, ${replica} AS replica FROM pg_roles WHERE rolname = current_user`);
  const risks: string[] = [];
  if (role.superuser) risks.push(`${role.name} is a superuser`);
  else if (role.replica) risks.push(`${role.name} may set session_replication_role`);
  // From the catalogue, which any role reads (resolving the names would need USAGE on the schema).
  const owned: { name: string }[] = await ds.query(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname || '.' || c.relname = ANY($1) AND pg_has_role(current_user, c.relowner, 'MEMBER') ORDER BY 1`,
    [kept.map(([name]) => name)],
  );
  if (!role.superuser) for (const t of owned) risks.push(`${role.name} owns ${t.name}`);
  return risks;
}

/**
 * Refuses (production) or warns (otherwise) when the hub would serve as a role
 * that can switch off what keeps the audit trail and the fast track's history.
 */
export async function checkAppRole(ds: DataSource, schema: string, production: boolean): Promise<void> {
  const risks = await tamperRisks(ds, schema);
  if (!risks.length) return;
  const message =
    `The database role the hub serves as can switch off the append-only protection of ${schema} (${risks.join('; ')}). ` +
    'Connect DATABASE_URL as a role that neither is a superuser nor owns the tables, and run migrations as the owner with MIGRATION_DATABASE_URL.';
  if (production) throw new Error(message);
  log.warn({ schema, risks }, message);
}
