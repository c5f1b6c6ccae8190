import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startHub, type Hub } from '../src/hub';
import { serveSubgraph, type ServedSubgraph } from '../src/subgraphs/http';
import { gql, startTestHub, type GqlResult, type TestHub } from './support/hub';

/** A stand-in for a service that answers, but not as a subgraph (a proxy saying 503, an HTML error page), or that never answers. */
async function fakeService(status: number | 'hang', type = 'text/plain', body = ''): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    if (status !== 'hang') res.writeHead(status, { 'content-type': type }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Nothing a client receives may say where a service lives. */
const expectNoAddress = (res: GqlResult | unknown) => expect(JSON.stringify(res)).not.toMatch(/https?:|127\.0\.0\.1|localhost|:\d{2,5}\/|ECONN|request to /i);

describe('a subgraph service that is down (distributed mode)', () => {
  let hub: TestHub;
  let remote: Hub;
  let served: Map<string, ServedSubgraph>;
  let fakes: Awaited<ReturnType<typeof fakeService>>[];
  let token: string;
  let unit: string;
  let roundId: string;
  const readyz = async () => {
    const res = await fetch(remote.url.replace('/graphql', '/readyz'));
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    hub = await startTestHub();
    served = new Map();
    for (const name of ['petition', 'inspection']) served.set(name, await serveSubgraph(hub.subgraphs.get(name)!, 0));
    fakes = [await fakeService(503, 'text/plain', 'Service Unavailable'), await fakeService(500, 'text/html', '<html><body>proxy error at 10.1.2.3:8080</body></html>'), await fakeService('hang')];
    process.env.SUBGRAPH_TIMEOUT_MS = '1500';
    try {
      remote = await startHub({
        port: 0,
        databaseUrl: hub.db.url,
        seed: false,
        remoteSubgraphs: { petition: served.get('petition')!.url, inspection: served.get('inspection')!.url, audit: fakes[0].url, discipline: fakes[1].url, access: fakes[2].url },
      });
    } finally {
      delete process.env.SUBGRAPH_TIMEOUT_MS;
    }
    token = await hub.token('xcb-office');
    [{ unit_credit_code: unit, round_id: roundId }] = await hub.sources.get('inspection')!.query(
      `SELECT a.unit_credit_code, a.round_id FROM inspection.team_assignment a JOIN inspection.inspection_round r ON r.id = a.round_id WHERE r.status = 'PLANNED' LIMIT 1`,
    );
  });
  afterAll(async () => {
    await remote?.stop();
    for (const s of served?.values() ?? []) await s.close(0);
    for (const f of fakes ?? []) await f.close();
    await hub?.stop();
  });

  it('a service answering 503 is SERVICE_UNAVAILABLE named by agency and subgraph, with HTTP 503 when nothing could be answered', async () => {
    const res = await gql(remote.url, token, '{ auditProject(id: "00000000-0000-4000-8000-000000000000") { id } }');
    expect(res.status).toBe(503);
    expect(res.errors!.map((e) => [e.extensions?.code, e.extensions?.source, e.message])).toEqual([['SERVICE_UNAVAILABLE', 'audit', '审计局数据服务（audit）暂不可用，请稍后重试']]);
    expectNoAddress(res);
  });

  it('a service that never answers is SERVICE_UNAVAILABLE after SUBGRAPH_TIMEOUT_MS', async () => {
    const started = Date.now();
    const res = await gql(remote.url, token, '{ agencies { name } }');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(res.status).toBe(503);
    expect(res.errors!.map((e) => [e.extensions?.code, e.message])).toEqual([['SERVICE_UNAVAILABLE', '共享平台数据服务（access）暂不可用，请稍后重试']]);
    expectNoAddress(res);
  });

  it('a service answering an error page is an internal error that carries neither its address nor its page', async () => {
    const res = await gql(remote.url, token, '{ stationedGroups { name } }');
    expect(res.errors!.map((e) => [e.extensions?.code, e.message])).toEqual([['INTERNAL_SERVER_ERROR', 'Internal error; it has been logged']]);
    expectNoAddress(res);
    expect(JSON.stringify(res)).not.toMatch(/10\.1\.2\.3|html/);
  });

  it('when a service stops, its queries answer SERVICE_UNAVAILABLE without its address and /readyz names it with 503', async () => {
    for (const f of fakes) await f.close();
    fakes = [];
    // The fakes are gone too: audit, discipline and access count as down from here on.
    const before = await gql(remote.url, token, '{ petitions(first: 1) { totalCount } }');
    expect(before.errors).toBeUndefined();
    expect(before.data.petitions.totalCount).toBeGreaterThan(0);

    await served.get('petition')!.close(0);
    const alone = await gql(remote.url, token, '{ petitions(first: 1) { totalCount } }');
    expect(alone.status).toBe(503);
    expect(alone.data).toEqual({ petitions: null });
    expect(alone.errors!.map((e) => [e.extensions?.code, e.extensions?.source, e.message])).toEqual([['SERVICE_UNAVAILABLE', 'petition', '信访局数据服务（petition）暂不可用，请稍后重试']]);
    expectNoAddress(alone);

    // Another subgraph's data is still answered (HTTP 200), with the outage reported beside it.
    const mixed = await gql(remote.url, token, '{ units(first: 2) { nodes { name } } petitions(first: 1) { totalCount } }');
    expect(mixed.status).toBe(200);
    expect(mixed.data.units.nodes).toHaveLength(2);
    expect(mixed.data.units.nodes[0].name).toEqual(expect.any(String));
    expect(mixed.data.petitions).toBeNull();
    expect(mixed.errors!.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(mixed.errors![0].message).toContain('信访局数据服务（petition）');
    expectNoAddress(mixed);

    const ready = await readyz();
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({
      status: 'unavailable',
      database: 'up',
      services: { organization: 'up', petition: 'down', discipline: 'down', audit: 'down', inspection: 'up', access: 'down' },
      unavailable: ['信访局数据服务（petition）', '纪委监委数据服务（discipline）', '审计局数据服务（audit）', '共享平台数据服务（access）'],
    });
    expectNoAddress(ready.body);
  });

  it("the dossier with its root service (inspection) down fails with SERVICE_UNAVAILABLE naming it, never with an address", async () => {
    await served.get('inspection')!.close(0);
    const res = await gql(remote.url, token, 'query($u: String!, $r: UUID!) { preInspectionDossier(unitCreditCode: $u, roundId: $r) { unitCreditCode petitions { availability } } }', { u: unit, r: roundId });
    expect(res.status).toBe(503);
    expect(res.data).toEqual({ preInspectionDossier: null });
    expect(res.errors!.map((e) => [e.extensions?.code, e.extensions?.source, e.message])).toEqual([['SERVICE_UNAVAILABLE', 'inspection', '巡察办数据服务（inspection）暂不可用，请稍后重试']]);
    expectNoAddress(res);
  });

  it('/readyz reports the database too', async () => {
    const access = remote.sources.get('access')!;
    await access.destroy();
    try {
      const ready = await readyz();
      expect(ready.status).toBe(503);
      expect(ready.body.database).toBe('down');
      expect(ready.body.unavailable[0]).toBe('数据库');
    } finally {
      await access.initialize();
    }
  });
});
