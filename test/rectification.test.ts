import { codes, gql, startTestHub, type TestHub } from './support/hub';
import { PUBLISH_INSPECTORS, PUBLISH_ROUNDS, daysFromToday, residentId, roundIdOf } from './support/rounds';

const LEDGER = (kind: string) => `query($r: UUID, $region: String!, $s: RectificationItemStatus) {
  units(first: 100, kind: ${kind}, regionCode: $region) { nodes { creditCode rectificationLedger(roundId: $r, status: $s) { total done verified overdue rulesEstablished items { id status measures verificationNote finding { id } } } } }
}`;
const VERIFY = `mutation($id: UUID!, $n: String!) { verifyRectificationItem(id: $id, note: $n) { id status verifiedDate commissionVerifiedBy } }`;
const FINDINGS = `mutation($r: [InspectionFindingInput!]!, $k: String) { publishFindings(records: $r, batchKey: $k) { created updated unchanged } }`;

describe('rectification ledgers (双台账), verification and look-back', () => {
  let hub: TestHub;
  const tokens: Record<string, string> = {};
  let township: string;
  let department: string;
  let round: string;
  const as = (login: string, query: string, variables?: Record<string, unknown>) => gql(hub.url, tokens[login], query, variables);
  const item = (unit: string, deadline: number, status: string, n: number, extra: Record<string, unknown> = {}) => ({
    measures: `整改措施${n}`,
    responsibleUnitCreditCode: unit,
    deadline: daysFromToday(deadline),
    status,
    evidence: status === 'DONE' || status === 'VERIFIED' ? `佐证材料${n}` : null,
    verifiedDate: status === 'VERIFIED' ? daysFromToday(-2) : null,
    rulesEstablished: n === 3 ? 2 : 0,
    ...extra,
  });
  const finding = (items: unknown[]) => ({
    externalId: 'RB-WT-1',
    roundExternalId: 'RB-LC-1',
    unitCreditCode: township,
    category: 'RESPONSIBILITY',
    description: '落实全面从严治党主体责任不到位',
    severity: 'HIGH',
    immediateRectification: false,
    rectificationItems: items,
  });
  // a: the township's, overdue; b: the department's, in time; c: the township's, done; d: the department's, verified.
  const items = (measuresOfC = '整改措施3') => [
    item('T', -5, 'OPEN', 1),
    item('D', 30, 'IN_PROGRESS', 2),
    item('T', -1, 'DONE', 3, { measures: measuresOfC }),
    item('D', -10, 'VERIFIED', 4),
  ].map((i) => ({ ...i, responsibleUnitCreditCode: i.responsibleUnitCreditCode === 'T' ? township : department }));
  const ledger = async (login: string, kind: string, unit: string, status?: string) => {
    const res = await as(login, LEDGER(kind), { r: round, region: '990103', s: status });
    expect(res.errors).toBeUndefined();
    return res.data.units.nodes.find((n: { creditCode: string }) => n.creditCode === unit).rectificationLedger;
  };

  beforeAll(async () => {
    hub = await startTestHub();
    for (const login of ['xcb-office', 'xcb-system', 'jw-officer', 'xfj-officer']) tokens[login] = await hub.token(login);
    const org = hub.sources.get('organization')!;
    const pick = async (kind: string) => (await org.query(`SELECT credit_code FROM organization.inspected_unit WHERE kind = $1 AND region_code LIKE '990103%' ORDER BY credit_code LIMIT 1`, [kind]))[0].credit_code.trim();
    township = await pick('TOWNSHIP');
    department = await pick('PARTY_GOVERNMENT_DEPARTMENT');
    expect((await as('xcb-system', PUBLISH_INSPECTORS, { records: [{ externalId: 'RB-RY-1', name: '整改测试组长', homeRegionCode: '990105', residentId: residentId('99010519720202', 1) }] })).errors).toBeUndefined();
    const roundOf = (externalId: string, kind: string, start: number, end: number, status: string) => ({
      externalId,
      name: `整改测试轮次${externalId}`,
      kind,
      mode: 'LOCAL',
      startDate: daysFromToday(start),
      endDate: daysFromToday(end),
      status,
      teams: [{ name: '第一巡察组', leaderExternalId: 'RB-RY-1', memberExternalIds: [], unitCreditCodes: [township] }],
    });
    expect((await as('xcb-system', PUBLISH_ROUNDS, { records: [roundOf('RB-LC-1', 'REGULAR', -100, -40, 'COMPLETED'), roundOf('RB-LC-2', 'LOOK_BACK', -5, 30, 'IN_PROGRESS')] })).errors).toBeUndefined();
    round = await roundIdOf(hub, 'RB-LC-1');
    const res = await as('xcb-system', FINDINGS, { r: [finding(items())] });
    expect(res.errors).toBeUndefined();
  });
  afterAll(() => hub?.stop());

  it('shows the township ledger and the county-department ledger, overdue items found from the dates', async () => {
    const t = await ledger('xcb-office', 'TOWNSHIP', township);
    expect(t).toMatchObject({ total: 2, done: 1, verified: 0, overdue: 1, rulesEstablished: 2 });
    expect(t.items.map((i: { measures: string; status: string }) => [i.measures, i.status])).toEqual([
      ['整改措施1', 'OVERDUE'],
      ['整改措施3', 'DONE'],
    ]);
    const d = await ledger('xcb-office', 'PARTY_GOVERNMENT_DEPARTMENT', department);
    expect(d).toMatchObject({ total: 2, done: 1, verified: 1, overdue: 0 });
    expect(d.items.map((i: { status: string }) => i.status)).toEqual(['VERIFIED', 'IN_PROGRESS']);
    expect(d.items.every((i: { finding: { id: string } }) => i.finding?.id)).toBe(true);
    // Filtered by status; and the township does not appear in the department view, nor the reverse.
    expect((await ledger('xcb-office', 'TOWNSHIP', township, 'OVERDUE')).items.map((i: { measures: string }) => i.measures)).toEqual(['整改措施1']);
    const dept = await as('xcb-office', LEDGER('PARTY_GOVERNMENT_DEPARTMENT'), { r: round, region: '990103' });
    expect(dept.data.units.nodes.some((n: { creditCode: string }) => n.creditCode === township)).toBe(false);
    // Another agency holds no grant on rectification items: its ledger is empty, not refused.
    expect(await ledger('xfj-officer', 'TOWNSHIP', township)).toMatchObject({ total: 0, items: [] });
  });

  it('lets the discipline commission verify DONE items only, and the verification survives the office republishing', async () => {
    const t = await ledger('xcb-office', 'TOWNSHIP', township);
    const [overdue, done] = t.items;
    expect(codes(await as('xfj-officer', VERIFY, { id: done.id, n: '验收' }))).toEqual(['FORBIDDEN']);
    expect(codes(await as('xcb-office', VERIFY, { id: done.id, n: '验收' }))).toEqual(['FORBIDDEN']);
    expect(codes(await as('jw-officer', VERIFY, { id: overdue.id, n: '验收' }))).toEqual(['CONFLICT']);
    const ok = await as('jw-officer', VERIFY, { id: done.id, n: '经现场核查，整改到位，予以销号' });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.verifyRectificationItem).toMatchObject({ status: 'VERIFIED', verifiedDate: daysFromToday(0), commissionVerifiedBy: await hub.principalId('jw-officer') });
    expect(codes(await as('jw-officer', VERIFY, { id: done.id, n: '再次验收' }))).toEqual(['CONFLICT']);

    // The office republishes the finding with an edited item: the commission's verification stays.
    const again = await as('xcb-system', FINDINGS, { r: [finding(items('整改措施3（修订）'))], k: 'rb-republish' });
    expect(again.data.publishFindings.updated).toBe(1);
    const after = await ledger('xcb-office', 'TOWNSHIP', township);
    expect(after.items.find((i: { id: string }) => i.id === done.id)).toMatchObject({ status: 'VERIFIED', measures: '整改措施3（修订）', verificationNote: '经现场核查，整改到位，予以销号' });
    expect(after).toMatchObject({ verified: 1, done: 1, overdue: 1 });
  });

  it('a LOOK_BACK round lists the earlier round’s items not yet verified, for its units', async () => {
    const q = `query($id: UUID!) { round(id: $id) { kind carriedOverItems { measures status } } }`;
    const lookBack = await as('xcb-office', q, { id: await roundIdOf(hub, 'RB-LC-2') });
    expect(lookBack.data.round.kind).toBe('LOOK_BACK');
    // Earliest deadline first; the verified ones (整改措施3 by the commission, 整改措施4 as published) are done with.
    expect(lookBack.data.round.carriedOverItems).toEqual([
      { measures: '整改措施1', status: 'OVERDUE' },
      { measures: '整改措施2', status: 'IN_PROGRESS' },
    ]);
    expect((await as('xcb-office', q, { id: round })).data.round.carriedOverItems).toEqual([]);
  });
});
