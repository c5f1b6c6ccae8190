import { agencyId, gql, grant, startTestHub, type TestHub } from './support/hub';

const QUERY = `query($first: Int!) {
  units(first: $first) {
    nodes {
      name
      leadershipTeam { name }
      petitions(first: 5) { totalCount nodes { id receivedDate category } }
      clues(first: 5) { totalCount nodes { id status disposalMethod } }
      sanctions(first: 5) { totalCount nodes { id kind level } }
      auditFindings(first: 5) { totalCount nodes { id category severity } }
    }
  }
}`;

type Unit = { petitions: { totalCount: number }; clues: { totalCount: number }; sanctions: { totalCount: number }; auditFindings: { totalCount: number }; leadershipTeam: unknown[] };

describe('no N+1: SQL statements do not grow with the number of units', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
    // Sanctions are CONDITIONAL records: the inspection office sees them under a grant.
    await grant(hub, { subjectKind: 'AGENCY', subjectValue: await agencyId(hub, 'xcb'), typeName: 'Sanction', fields: ['reason'], effect: 'ALLOW', scopeKind: 'ALL_UNITS' });
  });
  afterAll(() => hub?.stop());

  it('issues the same number of SQL statements for 50 units as for 5, across five subgraphs', async () => {
    const token = await hub.token('xcb-office');
    const five = await gql(hub.url, token, QUERY, { first: 5 });
    const fifty = await gql(hub.url, token, QUERY, { first: 50 });
    expect(five.errors).toBeUndefined();
    expect(fifty.errors).toBeUndefined();
    const units: Unit[] = fifty.data.units.nodes;
    expect(units).toHaveLength(50);
    // The comparison means something only if the 50 units really carry records of every kind.
    const sum = (f: (u: Unit) => number) => units.reduce((n, u) => n + f(u), 0);
    expect(sum((u) => u.petitions.totalCount)).toBeGreaterThan(20);
    expect(sum((u) => u.clues.totalCount)).toBeGreaterThan(10);
    expect(sum((u) => u.sanctions.totalCount)).toBeGreaterThan(0);
    expect(sum((u) => u.auditFindings.totalCount)).toBeGreaterThan(5);
    expect(sum((u) => u.leadershipTeam.length)).toBeGreaterThanOrEqual(150);

    const s5 = five.extensions!.sqlStatements;
    const s50 = fifty.extensions!.sqlStatements;
    expect(s5).toBeGreaterThan(0);
    expect(s50).toBe(s5);
    // One for the caller, one per entity kind and level: a per-row query would be far above this.
    expect(s50).toBeLessThanOrEqual(8);
  });
});
