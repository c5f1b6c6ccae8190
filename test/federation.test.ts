import { creditCodeCheckChar } from '../src/common/codes';
import { EXAMPLE_QUERY } from '../src/gateway/example';
import { startHub } from '../src/hub';
import { gql, startTestHub, type TestHub } from './support/hub';

describe('federation across subgraphs', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub?.stop());

  it('a record about a unit the organisation department has not published keeps its place; only the unit is null', async () => {
    const first17 = '11990102ZZZZZZZZ1'.replace(/Z/g, '9');
    const unknownUnit = first17 + creditCodeCheckChar(first17);
    const xfj = await hub.token('xfj-system');
    const [{ code: knownUnit }] = await hub.sources.get('organization')!.query(`SELECT credit_code AS code FROM organization.inspected_unit LIMIT 1`);
    const publish = (unitCreditCode: string) =>
      gql(hub.url, xfj, `mutation($r: [PetitionInput!]!) { publishPetitions(records: $r) { created } }`, {
        r: [{ externalId: 'XFJ-T-UNKNOWN-1', channel: 'LETTER', receivedDate: '2026-03-02', anonymous: true, unitCreditCode, category: 'OTHER', summary: '反映某单位问题', content: '详细内容', status: 'RECEIVED' }],
      });
    // Publishing refuses a unit the hub does not hold (test/input-validation.test.ts); a record
    // held from before references were checked is still served, so one is made here.
    expect((await publish(unknownUnit)).errors?.[0]?.extensions?.recordErrors).toEqual([expect.objectContaining({ field: 'unitCreditCode' })]);
    const published = await publish(knownUnit);
    expect(published.data.publishPetitions.created).toBe(1);
    await hub.sources.get('petition')!.query(`UPDATE petition.petition SET unit_credit_code = $1 WHERE external_id = 'XFJ-T-UNKNOWN-1'`, [unknownUnit]);
    const [{ id }] = await hub.sources.get('petition')!.query(`SELECT id FROM petition.petition WHERE external_id = 'XFJ-T-UNKNOWN-1'`);
    const res = await gql(hub.url, xfj, 'query($id: UUID!) { petition(id: $id) { id category subjectUnit { name } } }', { id });
    expect(res.data.petition).toEqual({ id, category: 'OTHER', subjectUnit: null });
  });

  it('walks from a unit to every agency and back: the petition subject is the same unit', async () => {
    const res = await gql(
      hub.url,
      await hub.token('xcb-office'),
      `{ units(first: 40, kind: TOWNSHIP) { nodes { id creditCode
          petitions(first: 1) { nodes { subjectUnit { id } } }
          clues(first: 1) { nodes { subjectUnit { id } } }
          auditFindings(first: 1) { nodes { unit { id } } }
          inspections { round { name } findings { unit { id } } }
      } } }`,
    );
    expect(res.errors).toBeUndefined();
    let checked = 0;
    for (const u of res.data.units.nodes) {
      const backRefs = [
        ...u.petitions.nodes.map((p: { subjectUnit: { id: string } }) => p.subjectUnit.id),
        ...u.clues.nodes.map((c: { subjectUnit: { id: string } }) => c.subjectUnit.id),
        ...u.auditFindings.nodes.map((f: { unit: { id: string } }) => f.unit.id),
        ...u.inspections.flatMap((i: { findings: { unit: { id: string } }[] }) => i.findings.map((f) => f.unit.id)),
      ];
      for (const back of backRefs) expect(back).toBe(u.id);
      checked += backRefs.length;
    }
    expect(checked).toBeGreaterThan(40);
  });
});

describe('the start-up banner example', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub?.stop());

  it('runs for the banner token (inspection office) without errors and crosses five subgraphs with data', async () => {
    const res = await gql(hub.url, await hub.token('xcb-office'), EXAMPLE_QUERY);
    expect(res.errors).toBeUndefined();
    const units = res.data.rounds.nodes[0].teams.flatMap((t: any) => t.units);
    expect(units.length).toBeGreaterThanOrEqual(4);
    expect(units.some((u: any) => u.petitionStats.total > 0)).toBe(true);
    expect(units.some((u: any) => u.clues.totalCount > 0)).toBe(true);
    expect(units.some((u: any) => u.auditFindings.totalCount > 0)).toBe(true);
    expect(units.every((u: any) => u.inspections.length > 0)).toBe(true);
    expect(units.every((u: any) => u.leadershipTeam.length >= 3)).toBe(true);
  });
});

describe('an interrupted demo seed', () => {
  it('is recognised on the next start; a database from DATABASE_URL is never wiped', async () => {
    const hub = await startTestHub();
    const url = hub.db.url;
    await hub.sources.get('access')!.query('UPDATE access.seed_state SET completed_at = NULL');
    await expect(startHub({ port: 0, databaseUrl: url, seed: true })).rejects.toThrow(/interrupted.*seed -- --reset/);
    const [{ n }] = await hub.sources.get('organization')!.query('SELECT count(*)::int AS n FROM organization.inspected_unit');
    expect(n).toBeGreaterThan(200);
    await hub.stop();
  });
});
