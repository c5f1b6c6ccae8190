import { resetConfigForTests } from '../src/config';
import { gql, startTestHub, type TestHub } from './support/hub';

/** Makes one of the hub's own tables vanish for a moment (as the owner: the hub's role may not), so that reading it fails in SQL: an unexpected error. */
async function withoutTable<T>(hub: TestHub, work: () => Promise<T>): Promise<T> {
  await hub.superuser('ALTER TABLE petition.petition RENAME TO petition_moved_away');
  try {
    return await work();
  } finally {
    await hub.superuser('ALTER TABLE petition.petition_moved_away RENAME TO petition');
  }
}

const GENERIC = { message: 'Internal error; it has been logged', extensions: { code: 'INTERNAL_SERVER_ERROR' } };

describe('production mode (NODE_ENV=production)', () => {
  let hub: TestHub;
  let admin: string;
  beforeAll(async () => {
    hub = await startTestHub({ config: { production: true, nodeEnv: 'production' } });
    admin = await hub.token('admin');
  });
  afterAll(() => hub?.stop());

  it('turns introspection off, __schema and __type alike', async () => {
    for (const q of ['{ __schema { types { name } } }', '{ __type(name: "Petition") { fields { name } } }']) {
      const res = await gql(hub.url, admin, q);
      expect(res.status).toBe(400);
      expect(res.data).toBeUndefined();
      expect(res.errors![0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors![0].message).toMatch(/introspection/i);
    }
  });

  it('answers without extensions.sqlStatements, on data and on errors', async () => {
    const ok = await gql(hub.url, admin, '{ units(first: 1) { totalCount } }');
    expect(ok.data.units.totalCount).toBeGreaterThan(200);
    expect(ok.extensions?.sqlStatements).toBeUndefined();
    const failed = await gql(hub.url, admin, '{ unit(id: "not-a-uuid") { name } }');
    expect(failed.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(failed.extensions?.sqlStatements).toBeUndefined();
  });

  it('hides field suggestions that would map the schema', async () => {
    const res = await gql(hub.url, admin, '{ units(first: 1) { totalCoun } }');
    expect(res.status).toBe(400);
    expect(res.errors![0].message).not.toMatch(/Did you mean|totalCount/);
  });

  it('answers an unexpected error with a generic message: no SQL, no table, no stack', async () => {
    const res = await withoutTable(hub, () => gql(hub.url, admin, '{ petitions(first: 1) { totalCount } }'));
    expect(res.errors!.map(({ message, extensions }) => ({ message, extensions: { code: extensions?.code } }))).toEqual([GENERIC]);
    expect(JSON.stringify(res)).not.toMatch(/relation|petition_moved_away|SELECT|stacktrace|typeorm|\.js:\d+/i);
  });
});

describe('development mode', () => {
  let hub: TestHub;
  const before = process.env.NODE_ENV;
  beforeAll(async () => {
    process.env.NODE_ENV = 'development';
    resetConfigForTests();
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.stop();
    process.env.NODE_ENV = before;
    resetConfigForTests();
  });

  it('keeps SQL and library text out of unexpected errors too (the detail is in the log)', async () => {
    const admin = await hub.token('admin');
    const res = await withoutTable(hub, () => gql(hub.url, admin, '{ petitions(first: 1) { totalCount } }'));
    expect(res.errors!.map(({ message, extensions }) => ({ message, extensions: { code: extensions?.code } }))).toEqual([GENERIC]);
    expect(JSON.stringify(res)).not.toMatch(/relation|petition_moved_away/i);
    // Development keeps its conveniences: introspection and the statement count.
    expect((await gql(hub.url, admin, '{ __type(name: "Petition") { name } }')).data).toEqual({ __type: { name: 'Petition' } });
    expect(res.extensions?.sqlStatements).toEqual(expect.any(Number));
  });
});
