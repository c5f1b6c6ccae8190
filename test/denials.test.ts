import { startHub, type Hub } from '../src/hub';
import { serveSubgraph, type ServedSubgraph } from '../src/subgraphs/http';
import { gql, startTestHub, type GqlResult, type TestHub } from './support/hub';

/**
 * Issue 11: a denied field is null on every record, and the response says so once per
 * field path and reason with the number of records — not once per cell (the demo's
 * petitions read by the inspection office made one error per petition and field).
 */
describe('denials are answered once per field and reason, with the record count', () => {
  let hub: TestHub;
  let served: ServedSubgraph;
  let remote: Hub;
  let rows: { id: string; channel: string; received_date: string; category: string; status: string; summary: string }[];
  const QUERY = `{ petitions(first: 2000) { totalCount nodes { id channel receivedDate category status reporterName summary conclusion } } }`;

  beforeAll(async () => {
    hub = await startTestHub({ config: { maxPageSize: 2000 } });
    rows = await hub.sources.get('petition')!.query('SELECT id, channel, received_date, category, status, summary FROM petition.petition');
    // The same petition subgraph as its own service behind the hub's gateway.
    served = await serveSubgraph(hub.subgraphs.get('petition')!, 0);
    remote = await startHub({ port: 0, databaseUrl: hub.db.url, seed: false, remoteSubgraphs: { petition: served.url }, config: { ...hub.config, maxPageSize: 2000 } });
  }, 180_000);
  afterAll(async () => {
    await remote?.stop();
    await served?.close();
    await hub?.stop();
  });

  // The inspection office's demo grant: Petition records of every unit, summary masked; the reporter is RESTRICTED, the conclusion ungranted.
  const expectDenials = (res: GqlResult, label: string) => {
    const nodes: Record<string, unknown>[] = res.data.petitions.nodes;
    expect({ label, n: nodes.length, total: res.data.petitions.totalCount }).toEqual({ label, n: rows.length, total: rows.length });
    // The data is what it was with an error per cell: denied fields null, masked values masked, every record there.
    const byId = new Map(rows.map((r) => [r.id, r]));
    const wrong = nodes.filter((n) => {
      const r = byId.get(n.id as string);
      const want = r && { id: r.id, channel: r.channel, receivedDate: r.received_date, category: r.category, status: r.status, reporterName: null, summary: '[已脱敏]', conclusion: null };
      return JSON.stringify(n) !== JSON.stringify(want);
    });
    expect({ label, wrong: wrong.slice(0, 3) }).toEqual({ label, wrong: [] });
    const first = (field: string) => ['petitions', 'nodes', 0, field];
    expect({ label, errors: res.errors }).toEqual({
      label,
      errors: [
        {
          message: expect.stringContaining('Petition.reporterName'),
          path: first('reporterName'),
          extensions: expect.objectContaining({ code: 'FORBIDDEN', field: 'Petition.reporterName', sensitivity: 'RESTRICTED', reason: expect.stringMatching(/^RESTRICTED/), count: rows.length }),
        },
        {
          message: expect.stringContaining('Petition.conclusion'),
          path: first('conclusion'),
          extensions: expect.objectContaining({ code: 'FORBIDDEN', field: 'Petition.conclusion', sensitivity: 'CONDITIONAL', reason: expect.stringMatching(/^CONDITIONAL/), count: rows.length }),
        },
      ],
    });
  };

  it('the whole demo’s petitions: one error per denied field with its count, the same data', async () => {
    expect(rows.length).toBeGreaterThan(1000);
    expectDenials(await gql(hub.url, await hub.token('xcb-office'), QUERY), 'in-process');
  });

  it('the same with the petition subgraph as its own service, and straight at that service', async () => {
    const token = await hub.token('xcb-office');
    expectDenials(await gql(remote.url, token, QUERY), 'gateway, remote subgraph');
    expectDenials(await gql(served.url, token, QUERY), 'subgraph service');
  });

  it('each alias and each list has its own error and count', async () => {
    const [a, b] = rows;
    const res = await gql(
      hub.url,
      await hub.token('xcb-office'),
      `query($a: UUID!, $b: UUID!) { x: petition(id: $a) { n1: reporterName n2: reporterName } y: petition(id: $b) { n1: reporterName } z: petitions(first: 3) { nodes { reporterName } } w: petitions(first: 3) { nodes { reporterName } } }`,
      { a: a.id, b: b.id },
    );
    const got = (res.errors ?? []).map((e) => `${e.path!.join('.')}:${e.extensions!.count}`).sort();
    expect(got).toEqual(['w.nodes.0.reporterName:3', 'x.n1:1', 'x.n2:1', 'y.n1:1', 'z.nodes.0.reporterName:3']);
  });
});
