import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { creditCodeCheckChar } from '../src/common/codes';
import { serveSubgraph, type ServedSubgraph } from '../src/subgraphs/http';
import { startTestHub, type TestHub } from './support/hub';
import { spawnPostgres, type PgProcess } from './support/pg-process';
import { originOf, signIn, type BrowserSession } from './support/session';

/**
 * What an outage answer must never carry: an address, a port, SQL, a driver's or ORM's words.
 * A port follows a host name or address (`db:5432`, `[::1]:5440`), not a JSON key (`"sqlStatements":12`).
 */
const LEAKS = /127\.0\.0\.1|localhost|::1|[\w.\]]:\d{2,5}\b|ECONN|connect |terminat|query runner|postgres|typeorm|\bpg\b|administrator|Context creation/i;
const SQL = /\b(SQL|SELECT|INSERT|UPDATE|ROLLBACK|COMMIT)\b/;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

const creditCode = (serial: number) => {
  const first17 = `11990103${String(serial).padStart(9, '0')}`;
  return first17 + creditCodeCheckChar(first17);
};
const unit = (n: number) => ({
  externalId: `OUTAGE-${n}`,
  creditCode: creditCode(n),
  name: `停库测试单位${n}`,
  kind: 'PUBLIC_INSTITUTION',
  regionCode: '990102',
  authorisedHeadcount: 30,
  actualHeadcount: 28,
});
const PUBLISH = `mutation($records: [UnitInput!]!, $batchKey: String) { publishUnits(records: $records, batchKey: $batchKey) { created replayed } }`;
const QUERY = '{ units(first: 1) { totalCount } petitions(first: 1) { totalCount } }';

interface Answer {
  status: number;
  retryAfter: string | null;
  text: string;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
}

async function call(url: string, init: RequestInit): Promise<Answer> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), text, body: JSON.parse(text) };
}

/** The hub on a PostgreSQL of its own, which the test stops in the middle of a publish and starts again. */
describe('the database stops and starts again under a running hub', () => {
  let cluster: PgProcess;
  let restart: () => Promise<PgProcess>;
  let hub: TestHub;
  let bearer: string;
  let publisher: string;
  let apiKey: string;
  let session: BrowserSession;
  let served: ServedSubgraph;

  beforeAll(async () => {
    const dir = path.join(process.env.HUB_TEST_TMP!, `outage-pg-${randomBytes(4).toString('hex')}`);
    const port = await freePort();
    const password = randomBytes(18).toString('base64url');
    restart = () => spawnPostgres(dir, port, { password });
    cluster = await restart();
    hub = await startTestHub({ adminUrl: cluster.url });
    bearer = await hub.token('xcb-office');
    publisher = await hub.token('zzb-system');
    apiKey = `ApiKey ${JSON.parse(readFileSync(path.join(hub.config.dataDir, 'demo-api-keys.json'), 'utf8'))['zzb-system']}`;
    session = (await signIn(hub.url, 'xcb-office')).session!;
    // The petition subgraph also as its own service, as in the distributed deployment.
    served = await serveSubgraph(hub.subgraphs.get('petition')!, 0);
  }, 180_000);
  afterAll(async () => {
    // The hub's stop drops its database: the server must be up for that, even after a failure mid-outage.
    if (cluster && cluster.child.exitCode !== null) cluster = await restart();
    await served?.close(0);
    await hub?.stop();
    await cluster?.stop();
  }, 60_000);

  const post = (body: object, headers: Record<string, string>) =>
    call(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const byCookie = (s: BrowserSession) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf, origin: originOf(hub.url), 'sec-fetch-site': 'same-origin' });
  const readyz = () => call(hub.url.replace('/graphql', '/readyz'), {});
  const expectOutage = (what: string, a: Answer) => {
    expect({ what, status: a.status, codes: a.body.errors?.map((e) => e.extensions?.code), retryAfter: a.retryAfter }).toEqual({
      what,
      status: 503,
      codes: a.body.errors!.map(() => 'SERVICE_UNAVAILABLE'),
      retryAfter: expect.stringMatching(/^\d+$/),
    });
    expect(a.body.errors!.length).toBeGreaterThan(0);
    expect(a.text).not.toMatch(LEAKS);
    expect(a.text).not.toMatch(SQL);
  };

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After and no internals while it is down, writes nothing half, and serves the first request after', async () => {
    expect((await post({ query: QUERY }, { authorization: bearer })).status).toBe(200);
    expect((await readyz()).status).toBe(200);

    // A publish is held inside its transaction when the database stops: batch key claimed and
    // rows written, waiting for the lock under which units are linked to their parents.
    const locker = new pg.Client({ connectionString: hub.db.ownerUrl });
    locker.on('error', () => undefined);
    await locker.connect();
    await locker.query(`SELECT pg_advisory_lock(hashtext('organization.inspected_unit.parents'))`);
    const records = [unit(1), unit(2)];
    const held = post({ query: PUBLISH, variables: { records, batchKey: 'outage-1' } }, { authorization: publisher });
    const waitingWriter = `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE application_name = 'xuncha-hub:organization' AND wait_event_type = 'Lock' AND backend_xid IS NOT NULL`;
    let waiting = 0;
    for (let i = 0; i < 400 && !waiting; i++) {
      [{ n: waiting }] = await hub.superuser(waitingWriter);
      if (!waiting) await new Promise((r) => setTimeout(r, 50));
    }
    expect(waiting).toBe(1);

    await cluster.stop();
    expectOutage('the publish in flight', await held);
    await locker.end().catch(() => undefined);

    const answers: [string, Promise<Answer>][] = [
      ['Bearer query', post({ query: QUERY }, { authorization: bearer })],
      ['Bearer query of one subgraph', post({ query: '{ agencies { name } }' }, { authorization: bearer })],
      ['ApiKey query', post({ query: '{ units(first: 1) { totalCount } }' }, { authorization: apiKey })],
      ['session-cookie query', post({ query: QUERY }, byCookie(session))],
      ['Bearer mutation', post({ query: PUBLISH, variables: { records: [unit(3)] } }, { authorization: publisher })],
      ['ApiKey mutation', post({ query: PUBLISH, variables: { records: [unit(4)] } }, { authorization: apiKey })],
      ['subgraph service over HTTP', call(served.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: bearer }, body: JSON.stringify({ query: '{ petitions(first: 1) { totalCount } }' }) })],
      ['session-cookie mutation', post({ query: 'mutation { revokeGrant(id: "00000000-0000-4000-8000-000000000000") { id } }' }, byCookie(session))],
    ];
    for (const [what, answer] of answers) expectOutage(what, await answer);

    // A missing credential is still the caller's mistake, not an outage.
    expect((await post({ query: QUERY }, {})).status).toBe(401);

    const ready = await readyz();
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'unavailable', database: 'down' });
    expect(ready.text).not.toMatch(LEAKS);

    cluster = await restart();
    // The very first request after the database is back is answered: the pools reconnect by themselves.
    const first = await post({ query: QUERY }, { authorization: bearer });
    expect({ status: first.status, errors: first.body.errors }).toEqual({ status: 200, errors: undefined });
    expect(first.body.data.units.totalCount).toBeGreaterThan(0);
    expect((await post({ query: QUERY }, byCookie(session))).status).toBe(200);

    // Nothing of the interrupted publish was kept: neither the batch key nor a row. So it runs whole when repeated.
    const kept = await hub.superuser(
      `SELECT (SELECT count(*)::int FROM organization.publish_batch WHERE batch_key = 'outage-1') AS batches,
              (SELECT count(*)::int FROM organization.inspected_unit WHERE external_id LIKE 'OUTAGE-%') AS units`,
    );
    expect(kept).toEqual([{ batches: 0, units: 0 }]);
    const again = await post({ query: PUBLISH, variables: { records, batchKey: 'outage-1' } }, { authorization: publisher });
    expect(again.body).toEqual({ data: { publishUnits: { created: 2, replayed: false } }, extensions: expect.anything() });
    expect((await readyz()).status).toBe(200);
  }, 120_000);
});
