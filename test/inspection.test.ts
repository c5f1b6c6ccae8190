import { residentIdCheckChar } from '../src/common/codes';
import { type GqlResult, type TestHub, agencyId, codes, gql, grant, startTestHub } from './support/hub';
import { denials } from './support/denials';

const PUBLISH_INSPECTORS = `mutation($records: [InspectorInput!]!, $batchKey: String) {
  publishInspectors(records: $records, batchKey: $batchKey) { batchKey received created updated unchanged replayed }
}`;
const PUBLISH_ROUNDS = `mutation($records: [InspectionRoundInput!]!, $batchKey: String) {
  publishRounds(records: $records, batchKey: $batchKey) { received created updated unchanged replayed }
}`;
const PUBLISH_FINDINGS = `mutation($records: [InspectionFindingInput!]!, $batchKey: String) {
  publishFindings(records: $records, batchKey: $batchKey) { received created updated unchanged replayed }
}`;

/** Everything a pre-inspection dossier asks of this subgraph, starting from organization's units. */
const DOSSIER = `
  name creditCode
  inspections {
    round { id name kind mode status startDate endDate }
    team { id name round { id } leader { name } members { name } units { creditCode name } }
    rectificationRate
    findings {
      category severity immediateRectification description
      rectificationItems { id status deadline verifiedDate rulesEstablished responsibleUnit { name } responsibleCadre { id name } }
    }
  }`;

const DAY = 86_400_000;
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const daysFromToday = (n: number) => new Date(Date.parse(`${today()}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const rid = (serial: number) => {
  const first17 = `99010219880615${String(serial).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
};

interface Item {
  id: string;
  status: string;
  deadline: string;
  responsibleCadre: { id: string; name: string } | null;
}
interface InspectionRec {
  round: { id: string; name: string };
  team: { id: string; name: string; round: { id: string }; units: { creditCode: string; name: string }[] } | null;
  rectificationRate: number | null;
  findings: { description: string | null; rectificationItems: Item[] }[];
}

/** Rate as the rows show it: DONE or VERIFIED items over all items, null without items. */
function rateOf(record: InspectionRec): number | null {
  const items = record.findings.flatMap((f) => f.rectificationItems);
  return items.length ? items.filter((i) => i.status === 'DONE' || i.status === 'VERIFIED').length / items.length : null;
}

describe('inspection subgraph (rounds, talent pool, findings, rectification) through the gateway', () => {
  let hub: TestHub;
  let xcb: string;
  let office: string;
  let jw: string;
  const count = async (sql: string, params: unknown[] = []) => Number((await hub.sources.get('inspection')!.query(sql, params))[0].n);
  // Two townships to publish a round for, a department whose staff must recuse, and a cadre to own rectification.
  let unitA: { creditCode: string; name: string };
  let unitB: { creditCode: string; name: string };
  let department: string;
  let cadre: { id: string; name: string };

  beforeAll(async () => {
    hub = await startTestHub();
    [xcb, office, jw] = await Promise.all(['xcb-system', 'xcb-office', 'jw-officer'].map((l) => hub.token(l)));
    const res = await gql(
      hub.url,
      office,
      `{ towns: units(first: 2, kind: TOWNSHIP) { nodes { creditCode name leadershipTeam { id name } } }
         depts: units(first: 1, kind: PARTY_GOVERNMENT_DEPARTMENT) { nodes { creditCode } } }`,
    );
    expect(res.errors).toBeUndefined();
    [unitA, unitB] = res.data.towns.nodes;
    cadre = res.data.towns.nodes[0].leadershipTeam[0];
    department = res.data.depts.nodes[0].creditCode;
  });
  afterAll(() => hub?.stop());

  const inspector = (n: number, extra: Record<string, unknown> = {}) => ({
    externalId: `T-RY-${n}`,
    name: `测试巡察员${n}`,
    skills: ['财务', '审计'],
    homeRegionCode: '990102',
    currentEmployerCreditCode: department,
    pastEmployerCreditCodes: [],
    residentId: rid(n),
    ...extra,
  });
  const team = (extra: Record<string, unknown> = {}) => ({
    name: '第一巡察组',
    leaderExternalId: 'T-RY-1',
    memberExternalIds: ['T-RY-2'],
    unitCreditCodes: [unitA.creditCode, unitB.creditCode],
    ...extra,
  });
  const round = (extra: Record<string, unknown> = {}) => ({
    externalId: 'T-LC-1',
    name: '2026年机动巡察（测试）',
    kind: 'MOBILE',
    mode: 'LOCAL',
    startDate: daysFromToday(-80),
    endDate: daysFromToday(-20),
    status: 'COMPLETED',
    teams: [team()],
    ...extra,
  });
  const item = (status: string, extra: Record<string, unknown> = {}) => ({
    measures: '修订公务接待管理办法，追回超标准接待费用',
    responsibleUnitCreditCode: unitA.creditCode,
    responsibleCadreId: cadre.id,
    deadline: daysFromToday(-10),
    status,
    evidence: status === 'VERIFIED' || status === 'DONE' ? '整改报告及退缴凭证' : null,
    verifiedDate: status === 'VERIFIED' ? daysFromToday(-5) : null,
    rulesEstablished: 1,
    ...extra,
  });
  const finding = (extra: Record<string, unknown> = {}) => ({
    externalId: 'T-WT-1',
    roundExternalId: 'T-LC-1',
    unitCreditCode: unitA.creditCode,
    category: 'INTEGRITY',
    description: '公务接待管理不规范，存在超标准接待问题',
    severity: 'MEDIUM',
    immediateRectification: false,
    // Past deadline and still open → OVERDUE; future deadline → stays IN_PROGRESS.
    rectificationItems: [item('OPEN'), item('IN_PROGRESS', { deadline: daysFromToday(90), responsibleCadreId: null }), item('VERIFIED'), item('DONE')],
    ...extra,
  });

  it('serves the seeded rounds from organization units, with rates that match the rows and OVERDUE derived from deadlines', async () => {
    const res = await gql(hub.url, office, `{ units(first: 60, kind: TOWNSHIP) { nodes { ${DOSSIER} } } }`);
    expect(res.errors).toBeUndefined();
    const units: { creditCode: string; inspections: InspectionRec[] }[] = res.data.units.nodes;
    const inspected = units.filter((u) => u.inspections.length);
    expect(inspected.length).toBeGreaterThan(0);
    expect(inspected.length).toBeLessThan(units.length); // not every unit has been inspected
    let items = 0;
    for (const unit of inspected) {
      for (const rec of unit.inspections) {
        expect(rec.rectificationRate).toBe(rateOf(rec));
        if (rec.team) {
          expect(rec.team.round.id).toBe(rec.round.id);
          expect(rec.team.units.map((u) => u.creditCode)).toContain(unit.creditCode);
        }
        for (const i of rec.findings.flatMap((f) => f.rectificationItems)) {
          items++;
          if (i.status === 'OPEN' || i.status === 'IN_PROGRESS') expect(i.deadline >= today()).toBe(true);
          if (i.status === 'OVERDUE') expect(i.deadline < today()).toBe(true);
        }
      }
    }
    expect(items).toBeGreaterThan(0);
    const [{ n }] = await hub.sources.get('inspection')!.query(
      `SELECT count(*)::int AS n FROM inspection.rectification_item WHERE status IN ('OPEN', 'IN_PROGRESS') AND deadline < $1`,
      [today()],
    );
    expect(n).toBeGreaterThan(0); // the seed has overdue items to show
  });

  it('publishes inspectors idempotently: a retried batch key is replayed, the same records under a new key change nothing', async () => {
    const records = [1, 2, 3, 4].map((n) => inspector(n));
    records[2].currentEmployerCreditCode = unitA.creditCode; // T-RY-3 works in unit A
    const first = await gql(hub.url, xcb, PUBLISH_INSPECTORS, { records, batchKey: 'xcb-ry-1' });
    expect(first.errors).toBeUndefined();
    expect(first.data.publishInspectors).toEqual({ batchKey: 'xcb-ry-1', received: 4, created: 4, updated: 0, unchanged: 0, replayed: false });
    const retry = await gql(hub.url, xcb, PUBLISH_INSPECTORS, { records, batchKey: 'xcb-ry-1' });
    expect(retry.data.publishInspectors).toMatchObject({ created: 4, replayed: true });
    const again = await gql(hub.url, xcb, PUBLISH_INSPECTORS, { records, batchKey: 'xcb-ry-2' });
    expect(again.data.publishInspectors).toMatchObject({ created: 0, updated: 0, unchanged: 4, replayed: false });
    const changed = await gql(hub.url, xcb, PUBLISH_INSPECTORS, { records: [{ ...records[3], skills: ['法律'] }] });
    expect(changed.data.publishInspectors).toMatchObject({ created: 0, updated: 1 });
    expect(await count(`SELECT count(*) AS n FROM inspection.inspector WHERE external_id LIKE 'T-RY-%'`)).toBe(4);
  });

  it('rejects a whole inspector batch naming record and field, and writes nothing', async () => {
    const badId = rid(9).slice(0, 17) + (rid(9)[17] === '0' ? '1' : '0');
    const res = await gql(hub.url, xcb, PUBLISH_INSPECTORS, {
      records: [
        inspector(10),
        inspector(11, { residentId: badId }),
        inspector(12, { pastEmployerCreditCodes: [department, 'NOT-A-CODE'], homeRegionCode: '9901' }),
        inspector(13, { skills: ['财务', '财务'] }),
      ],
    });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const fields = res.errors![0].extensions!.recordErrors.map((e: { index: number; field: string }) => `${e.index}:${e.field}`);
    expect(fields.sort()).toEqual(['1:residentId', '2:homeRegionCode', '2:pastEmployerCreditCodes[1]', '3:skills[1]']);
    expect(await count(`SELECT count(*) AS n FROM inspection.inspector WHERE external_id IN ('T-RY-10', 'T-RY-11', 'T-RY-12', 'T-RY-13')`)).toBe(0);
  });

  it('validates rounds and their nested teams (dates, unknown inspectors, double assignments) all or nothing', async () => {
    const res = await gql(hub.url, xcb, PUBLISH_ROUNDS, {
      records: [
        round({ externalId: 'T-LC-OK', name: '不应写入的轮次', teams: [] }),
        round({ externalId: 'T-LC-2', startDate: daysFromToday(-10), endDate: daysFromToday(-30) }),
        round({ externalId: 'T-LC-3', status: 'COMPLETED', startDate: daysFromToday(-10), endDate: daysFromToday(30) }),
        round({
          externalId: 'T-LC-4',
          teams: [
            team({ memberExternalIds: ['T-RY-2', 'T-RY-404'] }),
            team({ name: '第二巡察组', leaderExternalId: 'T-RY-3', memberExternalIds: ['T-RY-4'], unitCreditCodes: [unitA.creditCode] }),
          ],
        }),
      ],
    });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const fields = res.errors![0].extensions!.recordErrors.map((e: { index: number; field: string }) => `${e.index}:${e.field}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        '1:endDate',
        '2:endDate',
        '3:teams[0].memberExternalIds[1]', // not in the talent pool
        '3:teams[1].unitCreditCodes[0]', // unit A already assigned to the first team
      ]),
    );
    expect(fields.some((f: string) => f.startsWith('0:'))).toBe(false);
    // A tie to the unit is flagged on the team for the office to resolve, not refused (see data-requests.test).
    expect(fields).not.toContain('3:teams[1].leaderExternalId');
    expect(await count(`SELECT count(*) AS n FROM inspection.inspection_round WHERE external_id LIKE 'T-LC-%'`)).toBe(0);
  });

  it('publishes a round with its team and findings with their items, readable from organization units', async () => {
    const r1 = await gql(hub.url, xcb, PUBLISH_ROUNDS, { records: [round()], batchKey: 'xcb-lc-1' });
    expect(r1.errors).toBeUndefined();
    expect(r1.data.publishRounds).toMatchObject({ created: 1, replayed: false });
    expect((await gql(hub.url, xcb, PUBLISH_ROUNDS, { records: [round()], batchKey: 'xcb-lc-1' })).data.publishRounds).toMatchObject({ replayed: true });
    expect((await gql(hub.url, xcb, PUBLISH_ROUNDS, { records: [round()] })).data.publishRounds).toMatchObject({ unchanged: 1 });

    const f1 = await gql(hub.url, xcb, PUBLISH_FINDINGS, {
      records: [finding(), finding({ externalId: 'T-WT-2', unitCreditCode: unitB.creditCode, rectificationItems: [] })],
      batchKey: 'xcb-wt-1',
    });
    expect(f1.errors).toBeUndefined();
    expect(f1.data.publishFindings).toMatchObject({ received: 2, created: 2 });

    const res = await gql(hub.url, office, `query($a: String!, $b: String!) { a: unitByCreditCode(creditCode: $a) { ${DOSSIER} } b: unitByCreditCode(creditCode: $b) { ${DOSSIER} } }`, {
      a: unitA.creditCode,
      b: unitB.creditCode,
    });
    expect(res.errors).toBeUndefined();
    const recA: InspectionRec = res.data.a.inspections.find((r: InspectionRec) => r.round.name === '2026年机动巡察（测试）');
    const recB: InspectionRec = res.data.b.inspections.find((r: InspectionRec) => r.round.name === '2026年机动巡察（测试）');
    expect(recA.round).toMatchObject({ kind: 'MOBILE', mode: 'LOCAL', status: 'COMPLETED' });
    expect(recA.team).toMatchObject({ name: '第一巡察组', leader: { name: '测试巡察员1' }, members: [{ name: '测试巡察员2' }] });
    expect(recA.team!.units).toEqual([unitA, unitB].map((u) => ({ creditCode: u.creditCode, name: u.name }))); // names come from organization
    expect(recA.findings).toHaveLength(1);
    const items = recA.findings[0].rectificationItems;
    expect(items.map((i) => i.status)).toEqual(['OVERDUE', 'IN_PROGRESS', 'VERIFIED', 'DONE']);
    expect(items[0].responsibleCadre).toEqual(cadre);
    expect(items[1].responsibleCadre).toBeNull();
    expect(recA.rectificationRate).toBe(0.5);
    expect(recB.team!.id).toBe(recA.team!.id);
    expect(recB.findings).toHaveLength(1);
    expect(recB.rectificationRate).toBeNull();

    // Republishing: the first item is done now, the last dropped; items keep their ids.
    const updated = await gql(hub.url, xcb, PUBLISH_FINDINGS, {
      records: [finding({ rectificationItems: [item('DONE'), item('IN_PROGRESS', { deadline: daysFromToday(90), responsibleCadreId: null }), item('VERIFIED')] })],
    });
    expect(updated.data.publishFindings).toMatchObject({ created: 0, updated: 1 });
    const after = await gql(hub.url, office, `query($a: String!) { unitByCreditCode(creditCode: $a) { ${DOSSIER} } }`, { a: unitA.creditCode });
    const recA2: InspectionRec = after.data.unitByCreditCode.inspections.find((r: InspectionRec) => r.round.id === recA.round.id);
    expect(recA2.findings[0].rectificationItems.map((i) => [i.id, i.status])).toEqual([
      [items[0].id, 'DONE'],
      [items[1].id, 'IN_PROGRESS'],
      [items[2].id, 'VERIFIED'],
    ]);
    expect(recA2.rectificationRate).toBeCloseTo(2 / 3);

    // Teams keep their ids when members change; the old member is gone.
    const moved = await gql(hub.url, xcb, PUBLISH_ROUNDS, { records: [round({ teams: [team({ memberExternalIds: ['T-RY-4'] })] })] });
    expect(moved.data.publishRounds).toMatchObject({ updated: 1 });
    const roundRes = await gql(hub.url, office, `query($id: UUID!) { round(id: $id) { name teams { id members { name } units { creditCode } } } }`, { id: recA.round.id });
    expect(roundRes.data.round.teams).toEqual([{ id: recA.team!.id, members: [{ name: '测试巡察员4' }], units: [{ creditCode: unitA.creditCode }, { creditCode: unitB.creditCode }] }]);
  });

  it('validates findings and their nested rectification items, naming the nested field', async () => {
    const res = await gql(hub.url, xcb, PUBLISH_FINDINGS, {
      records: [
        finding({ externalId: 'T-WT-3' }),
        finding({ externalId: 'T-WT-4', roundExternalId: 'T-LC-404' }),
        finding({
          externalId: 'T-WT-5',
          unitCreditCode: unitA.creditCode.slice(0, 17) + (unitA.creditCode[17] === 'Y' ? '0' : 'Y'),
          rectificationItems: [
            item('OVERDUE'),
            item('VERIFIED', { verifiedDate: null }),
            item('DONE', { responsibleCadreId: '00000000-0000-4000-8000-000000000000' /* no such cadre */, verifiedDate: daysFromToday(-1) }),
            item('VERIFIED', { verifiedDate: daysFromToday(10), rulesEstablished: -1 }),
          ],
        }),
      ],
    });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const fields = res.errors![0].extensions!.recordErrors.map((e: { index: number; field: string }) => `${e.index}:${e.field}`);
    expect(fields.sort()).toEqual(
      [
        '1:roundExternalId',
        '2:unitCreditCode',
        '2:rectificationItems[0].status',
        '2:rectificationItems[1].verifiedDate',
        '2:rectificationItems[2].responsibleCadreId',
        '2:rectificationItems[2].verifiedDate',
        '2:rectificationItems[3].verifiedDate',
        '2:rectificationItems[3].rulesEstablished',
      ].sort(),
    );
    expect(await count(`SELECT count(*) AS n FROM inspection.inspection_finding WHERE external_id IN ('T-WT-3', 'T-WT-4', 'T-WT-5')`)).toBe(0);
  });

  it('refuses publishing to principals of other agencies and to team members (office staff, officers and systems publish)', async () => {
    for (const login of ['jw-system', 'zzb-officer', 'admin', 'xcb-leader', 'xcb-member']) {
      const token = await hub.token(login);
      const res = await gql(hub.url, token, PUBLISH_INSPECTORS, { records: [inspector(20)] });
      expect({ login, codes: codes(res) }).toEqual({ login, codes: ['FORBIDDEN'] });
    }
    const f = await gql(hub.url, await hub.token('sj-system'), PUBLISH_FINDINGS, { records: [finding({ externalId: 'T-WT-9' })] });
    expect(codes(f)).toEqual(['FORBIDDEN']);
    expect(await count(`SELECT count(*) AS n FROM inspection.inspector WHERE external_id = 'T-RY-20'`)).toBe(0);
  });

  it('shows RESTRICTED and CONDITIONAL fields to the inspection office only; others get null + FORBIDDEN and the rest of the record', async () => {
    const q = `{ inspectors(first: 5) { nodes { name skills residentId homeRegionCode } } }`;
    const own = await gql(hub.url, office, q);
    expect(own.errors).toBeUndefined();
    for (const n of own.data.inspectors.nodes) {
      expect(n.residentId).toMatch(/^\d{17}[\dX]$/);
      expect(n.homeRegionCode).toMatch(/^\d{6}/);
    }
    const other = await gql(hub.url, jw, q);
    expect(other.data.inspectors.nodes).toHaveLength(5);
    for (const n of other.data.inspectors.nodes) {
      expect(n.name).toBeTruthy();
      expect(n.skills.length).toBeGreaterThan(0);
      expect(n.residentId).toBeNull();
      expect(n.homeRegionCode).toBeNull();
    }
    // One error per denied field, counting the five records.
    expect(denials(other)).toEqual({ 'inspectors.nodes.*.residentId': 5, 'inspectors.nodes.*.homeRegionCode': 5 });
    expect(other.errors!.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);

    const DOSSIER = `query($a: String!) { unitByCreditCode(creditCode: $a) { name inspections { round { name } findings { category description } } } }`;
    const findingsOf = (res: any) => res.data.unitByCreditCode.inspections.find((r: InspectionRec) => r.round.name === '2026年机动巡察（测试）').findings;
    // Findings are CONDITIONAL records: without a grant another agency sees none of them.
    const before = await gql(hub.url, jw, DOSSIER, { a: unitA.creditCode });
    expect(before.data.unitByCreditCode.name).toBe(unitA.name);
    expect(findingsOf(before)).toEqual([]);
    await grant(hub, { subjectKind: 'AGENCY', subjectValue: await agencyId(hub, 'jw'), typeName: 'InspectionFinding', fields: ['description'], effect: 'MASK', maskStrategy: 'REDACT_TEXT', scopeKind: 'LISTED_UNITS', unitCreditCodes: [unitA.creditCode] });
    const dossier = await gql(hub.url, jw, DOSSIER, { a: unitA.creditCode });
    expect(findingsOf(dossier)[0]).toEqual({ category: 'INTEGRITY', description: '[已脱敏]' });
  });

  it('pages and filters the talent pool and rounds; refuses pages above the maximum', async () => {
    const total = await count(`SELECT count(*) AS n FROM inspection.inspector`);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: GqlResult = await gql(hub.url, office, `query($after: String) { inspectors(first: 25, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`, { after });
      expect(res.errors).toBeUndefined();
      expect(res.data.inspectors.totalCount).toBe(total);
      seen.push(...res.data.inspectors.nodes.map((n: { id: string }) => n.id));
      after = res.data.inspectors.pageInfo.hasNextPage ? res.data.inspectors.pageInfo.endCursor : null;
      pages++;
    } while (after && pages < 10);
    expect(pages).toBe(Math.ceil(total / 25));
    expect(new Set(seen).size).toBe(total);

    const law = await gql(hub.url, office, `{ inspectors(first: 100, skill: "法律") { totalCount nodes { skills } } }`);
    expect(law.data.inspectors.totalCount).toBe(await count(`SELECT count(*) AS n FROM inspection.inspector WHERE '法律' = ANY(skills)`));
    expect(law.data.inspectors.nodes.length).toBe(law.data.inspectors.totalCount);
    expect(law.data.inspectors.nodes.every((n: { skills: string[] }) => n.skills.includes('法律'))).toBe(true);

    const rounds = await gql(hub.url, office, `{ rounds(status: COMPLETED, first: 2) { totalCount nodes { status startDate } pageInfo { hasNextPage } } }`);
    expect(rounds.data.rounds.totalCount).toBe(await count(`SELECT count(*) AS n FROM inspection.inspection_round WHERE status = 'COMPLETED'`));
    expect(rounds.data.rounds.nodes).toHaveLength(2);
    expect(rounds.data.rounds.nodes[0].startDate >= rounds.data.rounds.nodes[1].startDate).toBe(true); // latest first
    expect(rounds.data.rounds.pageInfo.hasNextPage).toBe(true);
    // The demo's one round being prepared (巡前).
    expect((await gql(hub.url, office, `{ rounds(status: PLANNED) { totalCount nodes { name status } } }`)).data.rounds).toEqual({
      totalCount: 1,
      nodes: [{ name: '2026年第二轮交叉巡察（巡前准备）', status: 'PLANNED' }],
    });

    for (const first of [101, 0]) {
      const tooMany = await gql(hub.url, office, `query($first: Int) { inspectors(first: $first) { totalCount } }`, { first });
      expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
    }
    expect(codes(await gql(hub.url, office, `{ round(id: "not-a-uuid") { name } }`))).toEqual(['BAD_USER_INPUT']);
  });

  it('batches every level: 5 units or 50 cost the same number of SQL statements', async () => {
    const q = (first: number) => `{ units(first: ${first}, kind: TOWNSHIP) { nodes { ${DOSSIER} } } }`;
    const small = await gql(hub.url, office, q(5));
    const large = await gql(hub.url, office, q(50));
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    // Both pages hold unit A with a team, findings, items and a responsible cadre, so every level runs in both.
    expect(small.data.units.nodes.map((u: { creditCode: string }) => u.creditCode)).toContain(unitA.creditCode);
    const inspections = (r: GqlResult) => r.data.units.nodes.reduce((s: number, u: { inspections: unknown[] }) => s + u.inspections.length, 0);
    expect(inspections(large)).toBeGreaterThan(inspections(small));
    expect(small.extensions?.sqlStatements).toBeGreaterThan(0);
    expect(large.extensions?.sqlStatements).toBe(small.extensions?.sqlStatements);
  });
});
