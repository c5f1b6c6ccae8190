import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SUBGRAPH_NAMES } from '../src/config';
import { connectSubgraph } from '../src/db/database';
import { checkAppRole, ensureAppRole, KEPT_TABLES, tamperRisks } from '../src/db/roles';
import { startHub } from '../src/hub';
import { log } from '../src/log';
import { subgraphByName } from '../src/subgraphs/registry';
import { startTestHub, type TestHub } from './support/hub';

/**
 * Issue 9: the hub serves as a role that can neither switch off the triggers that
 * keep history nor rewrite what they keep; migrations run as the owner.
 */
describe('database roles: the hub serves as an application role, migrations run as the owner', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ seed: false });
  });
  afterAll(() => hub?.stop());

  const privileges = async (table: string) =>
    (await hub.superuser(`SELECT p FROM unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE','REFERENCES','TRIGGER']) AS p WHERE has_table_privilege($1, $2, p)`, [appRole(), table])).map((r) => r.p);
  const appRole = () => decodeURIComponent(new URL(hub.db.url).username);

  it('the application role is no superuser, owns no table of the hub and cannot create schemas', async () => {
    const [role] = await hub.superuser('SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = $1', [appRole()]);
    expect(role).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolreplication: false, rolbypassrls: false });
    const owned = await hub.superuser(
      `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY($1) AND pg_has_role($2, c.relowner, 'MEMBER')`,
      [SUBGRAPH_NAMES, appRole()],
    );
    expect(owned).toEqual([]);
    const [{ create }] = await hub.superuser(`SELECT has_database_privilege($1, current_database(), 'CREATE') AS create`, [appRole()]);
    expect(create).toBe(false);
    for (const name of SUBGRAPH_NAMES) expect(await tamperRisks(hub.sources.get(name)!, name)).toEqual([]);
  });

  it('every table whose triggers keep its history is listed, and the application role may only add to it (and move a fast-track clue on)', async () => {
    // A BEFORE TRUNCATE trigger (tgtype bit 32) is how the migrations keep a table.
    const guarded = await hub.superuser(
      `SELECT DISTINCT n.nspname || '.' || c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE NOT t.tgisinternal AND t.tgtype & 32 <> 0 AND n.nspname = ANY($1) ORDER BY 1`,
      [SUBGRAPH_NAMES],
    );
    expect(guarded.map((r) => r.name)).toEqual(Object.keys(KEPT_TABLES).sort());
    expect(await privileges('access.disclosure_audit')).toEqual(['SELECT', 'INSERT']);
    expect(await privileges('inspection.fast_track_event')).toEqual(['SELECT', 'INSERT']);
    expect(await privileges('inspection.fast_track_clue')).toEqual(['SELECT', 'INSERT', 'UPDATE']);
    // Ordinary tables: read and write, never truncate; the migrations table: read only.
    expect(await privileges('access."grant"')).toEqual(['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
    expect(await privileges('access.migrations')).toEqual(['SELECT']);
  });

  it('refuses to serve (production) or warns when the role could switch the guards off', async () => {
    const ownerDb = { url: hub.db.ownerUrl, ownerUrl: hub.db.ownerUrl };
    const asOwner = await connectSubgraph(subgraphByName('access'), ownerDb, { migrate: false });
    try {
      expect(await tamperRisks(asOwner, 'access')).toEqual([expect.stringMatching(/ is a superuser$/)]);
      await expect(checkAppRole(asOwner, 'access', true)).rejects.toThrow(/can switch off the append-only protection of access .*superuser.*MIGRATION_DATABASE_URL/);
      const warn = jest.spyOn(log, 'warn').mockImplementation(() => undefined);
      try {
        await checkAppRole(asOwner, 'access', false);
        expect(warn).toHaveBeenCalledWith(expect.objectContaining({ schema: 'access' }), expect.stringMatching(/can switch off the append-only protection/));
      } finally {
        warn.mockRestore();
      }
    } finally {
      await asOwner.destroy();
    }
    // The hub itself, given the superuser as DATABASE_URL in production, does not start.
    const quiet = jest.spyOn(log, 'error').mockImplementation(() => undefined);
    try {
      await expect(startHub({ port: 0, databaseUrl: hub.db.ownerUrl, seed: false, config: { ...hub.config, production: true, nodeEnv: 'production' } })).rejects.toThrow(/append-only protection/);
    } finally {
      quiet.mockRestore();
    }
  });

  it('an owner role that is not a superuser is named too', async () => {
    const role = `${new URL(hub.db.url).pathname.slice(1)}_owner`;
    const url = await ensureAppRole(hub.db.ownerUrl, role, randomBytes(12).toString('hex'));
    try {
      await hub.superuser(`ALTER TABLE access.disclosure_audit OWNER TO ${role}`);
      const c = await connectSubgraph(subgraphByName('access'), { url, ownerUrl: url }, { migrate: false });
      try {
        expect(await tamperRisks(c, 'access')).toEqual([`${role} owns access.disclosure_audit`]);
      } finally {
        await c.destroy();
      }
    } finally {
      const owner = new URL(hub.db.ownerUrl).username;
      await hub.superuser(`ALTER TABLE access.disclosure_audit OWNER TO ${owner}`);
      await hub.superuser(`DROP OWNED BY ${role}`);
      await hub.superuser(`DROP ROLE ${role}`);
    }
  });

  it('ensureAppRole creates a plain login role, resets one given attributes, and changes nothing when it is right', async () => {
    const role = `${new URL(hub.db.url).pathname.slice(1)}_plain`;
    const password = randomBytes(12).toString('hex');
    try {
      const url = await ensureAppRole(hub.db.ownerUrl, role, password);
      const probe = new pg.Client({ connectionString: url });
      await probe.connect();
      expect((await probe.query('SELECT current_user AS u')).rows[0].u).toBe(role);
      await probe.end();
      await hub.superuser(`ALTER ROLE ${role} CREATEDB`);
      await ensureAppRole(hub.db.ownerUrl, role, password);
      const [after] = await hub.superuser('SELECT rolcreatedb, xmin::text AS version FROM pg_authid WHERE rolname = $1', [role]);
      expect(after.rolcreatedb).toBe(false);
      await ensureAppRole(hub.db.ownerUrl, role, password);
      const [again] = await hub.superuser('SELECT xmin::text AS version FROM pg_authid WHERE rolname = $1', [role]);
      expect(again.version).toBe(after.version);
    } finally {
      await hub.superuser(`DROP ROLE IF EXISTS ${role}`);
    }
  });
});
