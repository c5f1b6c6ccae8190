import { creditCode } from '../src/db/seed/random';
import { codes, gql, startTestHub, type GqlResult, type TestHub } from './support/hub';
import { publishBareUnits } from './support/units';
import { APPROVE, DECLINE, PUBLISH_INSPECTORS, PUBLISH_ROUNDS, daysFromToday, findRequest as find, requestsAs, residentId, roundIdOf, unitsWithRecords, type Req } from './support/rounds';

const UNIT_FIELDS = `creditCode
    petitions(first: 50) { totalCount nodes { id summary conclusion maskedFields } }
    sanctions(first: 50) { totalCount }
    auditFindings(first: 50) { totalCount nodes { id description } }`;
/** One aliased lookup per unit (u0, u1, …), in one request. */
const unitQuery = (n: number) =>
  `query(${[...Array(n).keys()].map((i) => `$c${i}: String!`).join(', ')}) { ${[...Array(n).keys()].map((i) => `u${i}: unitByCreditCode(creditCode: $c${i}) { ${UNIT_FIELDS} }`).join('\n')} }`;

const rid = (serial: number) => residentId('99010319790301', serial);

describe('data requests replace the formal letter (情况函)', () => {
  let hub: TestHub;
  let tokens: Record<string, string>;
  let unitA: string;
  let unitB: string;
  let unitC: string; // in no round: the team must see nothing of it
  let unitD: string; // where the member used to work: recusal
  const as = (login: string, query: string, variables?: Record<string, unknown>) => gql(hub.url, tokens[login], query, variables);
  const sql = (query: string, params: unknown[] = []) => hub.sources.get('access')!.query(query, params);
  const requests = (login: string, variables: Record<string, unknown>): Promise<Req[]> => requestsAs(hub, tokens[login], variables);
  const round = (extra: Record<string, unknown>) => ({
    name: '2026年第二轮交叉巡察（测试）',
    kind: 'REGULAR',
    mode: 'CROSS',
    startDate: daysFromToday(3),
    endDate: daysFromToday(40),
    status: 'PLANNED',
    ...extra,
  });
  const publish = async (records: unknown[], batchKey?: string) => {
    const res = await as('xcb-office', PUBLISH_ROUNDS, { records, batchKey });
    expect(res.errors).toBeUndefined();
    return res;
  };
  const roundId = (externalId: string) => roundIdOf(hub, externalId);
  const unitData = async (login: string, units: string[]) => {
    const res = await as(login, unitQuery(units.length), Object.fromEntries(units.map((u, i) => [`c${i}`, u])));
    return { res, byUnit: new Map<string, any>(units.map((u, i) => [u, res.data[`u${i}`]])) };
  };
  const grantActions = async (grantId: string): Promise<string[]> => {
    const res = await as('admin', `query($id: UUID!) { grantHistory(grantId: $id) { action changedBy } }`, { id: grantId });
    expect(res.errors).toBeUndefined();
    return res.data.grantHistory.map((h: { action: string }) => h.action);
  };
  const forbiddenPaths = (res: GqlResult) => (res.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => e.path!.join('.'));

  beforeAll(async () => {
    hub = await startTestHub({ config: { rectificationWindowDays: 1 } });
    tokens = {};
    for (const login of ['admin', 'xcb-office', 'xcb-system', 'xcb-leader', 'xcb-member', 'xfj-officer', 'jw-officer', 'sj-officer', 'sj-system', 'zzb-officer', 'gaj-officer']) tokens[login] = await hub.token(login);
    // Units of one county with petitions (with conclusions), sanctions and audit findings, away from the demo team's units and ties.
    const units = await unitsWithRecords(hub, '990103', 4);
    expect(units.map((u) => u.sanctions).slice(0, 2)).toEqual([true, true]);
    [unitA, unitB, unitC, unitD] = units.map((u) => u.code);
    const person = async (n: number, login: string | null, extra: Record<string, unknown>) => ({
      externalId: `DR-RY-${n}`,
      name: `协查测试巡察员${n}`,
      skills: ['财务'],
      residentId: rid(n),
      pastEmployerCreditCodes: [],
      principalId: login ? await hub.principalId(login) : null,
      ...extra,
    });
    const res = await as('xcb-system', PUBLISH_INSPECTORS, {
      records: [
        await person(1, 'xcb-leader', { homeRegionCode: '990104' }),
        await person(2, 'xcb-member', { homeRegionCode: '990106', pastEmployerCreditCodes: [unitD] }),
        await person(3, null, { homeRegionCode: '990103', pastEmployerCreditCodes: [unitB] }),
        // A talent-pool entry naming another agency's login: it must bring that login nothing.
        await person(4, 'sj-officer', { homeRegionCode: '990106' }),
      ],
    });
    expect(res.errors).toBeUndefined();
  });
  afterAll(() => hub?.stop());

  it('publishing a round fans out one request per (unit × provider) from the catalogue, into each provider’s inbox, once', async () => {
    const r1 = round({ externalId: 'DR-LC-1', teams: [{ name: '第一巡察组', leaderExternalId: 'DR-RY-1', memberExternalIds: ['DR-RY-2', 'DR-RY-4'], unitCreditCodes: [unitA, unitB] }] });
    await publish([r1], 'dr-1');
    const id = await roundId('DR-LC-1');
    const all = await requests('xcb-office', { roundId: id });
    // The four agencies whose catalogue items name a shared type; the others still answer by letter.
    expect(new Set(all.map((r) => r.providerAgencyKind))).toEqual(new Set(['PETITION_BUREAU', 'DISCIPLINE_COMMISSION', 'AUDIT_BUREAU', 'ORGANIZATION_DEPARTMENT']));
    expect(all).toHaveLength(8);
    expect(all.every((r) => r.status === 'PENDING' && r.dueDate <= daysFromToday(3) && r.teamId)).toBe(true);

    const inbox = await requests('xfj-officer', { status: 'PENDING', roundId: id });
    expect(inbox.map((r) => r.unitCreditCode).sort()).toEqual([unitA, unitB].sort());
    expect(inbox[0].items.map((i) => [i.typeName, i.fields])).toEqual(
      expect.arrayContaining([
        ['Petition', ['summary', 'conclusion']],
        ['PublicOpinionItem', expect.arrayContaining(['title', 'summary'])],
      ]),
    );
    expect(await requests('gaj-officer', {})).toEqual([]);

    // Pages: newest first, no request twice, totals over all pages.
    const PAGE = `query($after: String) { dataRequests(first: 5, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const page: any = (await as('xcb-office', PAGE, { after })).data.dataRequests;
      total = page.totalCount;
      seen.push(...page.nodes.map((n: { id: string }) => n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    expect(total).toBeGreaterThan(8); // this round's and the demo round's
    expect(codes(await as('xcb-office', '{ dataRequests(first: 1000) { totalCount } }'))).toEqual(['BAD_USER_INPUT']);

    // Publishing the same round again (a retry, or another edit) opens nothing new.
    await publish([r1], 'dr-1-again');
    expect(await requests('xcb-office', { roundId: id })).toHaveLength(8);
  });

  it('approvals become grants for the team on that unit only (masked where the approval says); declined and pending stay closed', async () => {
    const id = await roundId('DR-LC-1');
    const all = await requests('xcb-office', { roundId: id });
    const ok = async (login: string, query: string, variables: Record<string, unknown>) => {
      const res = await as(login, query, variables);
      expect(res.errors).toBeUndefined();
      return res;
    };
    await ok('xfj-officer', APPROVE, { id: find(all, 'PETITION_BUREAU', unitA).id });
    const masked = await ok('xfj-officer', APPROVE, {
      id: find(all, 'PETITION_BUREAU', unitB).id,
      items: [{ typeName: 'Petition', fields: ['summary'], effect: 'MASK', maskStrategy: 'REDACT_TEXT' }],
    });
    expect(masked.data.approveDataRequest.approved).toEqual([{ typeName: 'Petition', effect: 'MASK', maskStrategy: 'REDACT_TEXT', grantId: expect.any(String) }]);
    await ok('jw-officer', DECLINE, { id: find(all, 'DISCIPLINE_COMMISSION', unitA).id, reason: '相关线索正在初核，暂不宜提供' });
    await ok('sj-system', APPROVE, { id: find(all, 'AUDIT_BUREAU', unitA).id });

    // Refused: another agency's request, a second answer, more than was asked, a reason-less decline, the internal sync from outside.
    // Another agency's request is answered like an unknown id (issue 9: no telling real ids from made-up ones).
    expect(codes(await as('xfj-officer', APPROVE, { id: find(all, 'DISCIPLINE_COMMISSION', unitB).id }))).toEqual(['NOT_FOUND']);
    expect(codes(await as('xcb-office', APPROVE, { id: find(all, 'DISCIPLINE_COMMISSION', unitB).id }))).toEqual(['FORBIDDEN']);
    expect(codes(await as('xfj-officer', APPROVE, { id: find(all, 'PETITION_BUREAU', unitA).id }))).toEqual(['CONFLICT']);
    expect(codes(await as('jw-officer', APPROVE, { id: find(all, 'DISCIPLINE_COMMISSION', unitB).id, items: [{ typeName: 'Petition' }] }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await as('jw-officer', APPROVE, { id: find(all, 'DISCIPLINE_COMMISSION', unitB).id, items: [{ typeName: 'Sanction', fields: ['nonsense'] }] }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await as('jw-officer', DECLINE, { id: find(all, 'DISCIPLINE_COMMISSION', unitB).id, reason: '否' }))).toEqual(['BAD_USER_INPUT']);
    const internal = await as('xcb-office', 'mutation { syncInspectionRounds(rounds: []) }');
    expect(codes(internal)).toEqual(['GRAPHQL_VALIDATION_FAILED']);

    const { res, byUnit } = await unitData('xcb-member', [unitA, unitB, unitC]);
    const truth: { unit: string; id: string; summary: string; conclusion: string | null }[] = await sql(
      `SELECT unit_credit_code AS unit, id, summary, conclusion FROM petition.petition WHERE unit_credit_code = ANY($1)`,
      [[unitA, unitB]],
    );
    const a = byUnit.get(unitA);
    // A: approved in full → clear text, every petition.
    expect(a.petitions.totalCount).toBe(truth.filter((t) => t.unit === unitA).length);
    for (const p of a.petitions.nodes) {
      const t = truth.find((x) => x.id === p.id)!;
      expect({ summary: p.summary, conclusion: p.conclusion, masked: p.maskedFields }).toEqual({ summary: t.summary, conclusion: t.conclusion, masked: [] });
    }
    // B: summary only, masked; the conclusion was not approved.
    const b = byUnit.get(unitB);
    expect(b.petitions.nodes.length).toBeGreaterThan(0);
    for (const p of b.petitions.nodes) {
      expect(p.maskedFields).toEqual(['summary']);
      expect(p.summary).not.toEqual(truth.find((x) => x.id === p.id)!.summary);
      expect(p.conclusion).toBeNull();
    }
    // C is in no request: no conclusion; sanctions were declined (A) or are pending (B): no rows at all.
    for (const p of byUnit.get(unitC).petitions.nodes) expect(p.conclusion).toBeNull();
    expect([a, b, byUnit.get(unitC)].map((u) => u.sanctions.totalCount)).toEqual([0, 0, 0]);
    // Audit findings approved for A only: B and C show none of the descriptions.
    expect(a.auditFindings.nodes.length).toBeGreaterThan(0);
    expect(a.auditFindings.nodes.every((f: { description: string | null }) => f.description)).toBe(true);
    for (const f of [...b.auditFindings.nodes, ...byUnit.get(unitC).auditFindings.nodes]) expect(f.description).toBeNull();
    const paths = forbiddenPaths(res);
    expect(paths.some((p) => p.endsWith('conclusion'))).toBe(true);
    expect(paths.some((p) => p.startsWith('u0.'))).toBe(false); // nothing of unit A is refused

    // The audit bureau's officer, named as a member in the talent pool, is no member: nothing of the team's grants.
    const outsider = await unitData('sj-officer', [unitA]);
    expect(outsider.byUnit.get(unitA).petitions.nodes.every((p: { conclusion: string | null }) => p.conclusion === null)).toBe(true);

    // The office sees every answer, attributed; the provider's inbox keeps only what is left.
    const after = await requests('xcb-office', { roundId: id });
    expect(find(after, 'DISCIPLINE_COMMISSION', unitA)).toMatchObject({ status: 'DECLINED', declineReason: '相关线索正在初核，暂不宜提供', decidedBy: await hub.principalId('jw-officer') });
    expect(find(after, 'PETITION_BUREAU', unitA)).toMatchObject({ status: 'APPROVED', decidedBy: await hub.principalId('xfj-officer') });
    expect(find(after, 'DISCIPLINE_COMMISSION', unitB).status).toBe('PENDING');
    expect((await requests('jw-officer', { status: 'PENDING', roundId: id })).map((r) => r.unitCreditCode)).toEqual([unitB]);

    // Overdue: pending past the due date, listed for the office.
    expect(await requests('xcb-office', { overdue: true })).toEqual([]);
    await sql(`UPDATE access.data_request SET due_date = current_date - 1 WHERE id = $1`, [find(after, 'DISCIPLINE_COMMISSION', unitB).id]);
    expect((await requests('xcb-office', { overdue: true })).map((r) => r.id)).toEqual([find(after, 'DISCIPLINE_COMMISSION', unitB).id]);
  });

  it('cancelling a round revokes its grants at once; declined answers stay on record', async () => {
    const id = await roundId('DR-LC-1');
    const before = await unitData('xcb-member', [unitA]);
    expect(before.byUnit.get(unitA).petitions.nodes.some((p: { conclusion: string | null }) => p.conclusion)).toBe(true);
    await publish([round({ externalId: 'DR-LC-1', status: 'CANCELLED', teams: [{ name: '第一巡察组', leaderExternalId: 'DR-RY-1', memberExternalIds: ['DR-RY-2'], unitCreditCodes: [unitA, unitB] }] })]);
    const after = await unitData('xcb-member', [unitA]);
    expect(after.byUnit.get(unitA).petitions.nodes.every((p: { conclusion: string | null }) => p.conclusion === null)).toBe(true);
    expect(after.byUnit.get(unitA).auditFindings.nodes.every((f: { description: string | null }) => f.description === null)).toBe(true);
    const list = await requests('xcb-office', { roundId: id });
    expect(find(list, 'DISCIPLINE_COMMISSION', unitA).status).toBe('DECLINED');
    const withdrawn = list.filter((r) => r.status === 'WITHDRAWN');
    expect(withdrawn).toHaveLength(7);
    const office = await hub.principalId('xcb-office');
    expect(withdrawn.every((r) => r.withdrawnBy === office && r.withdrawnAt)).toBe(true);
    const grantId = find(list, 'PETITION_BUREAU', unitA).approved[0].grantId;
    expect(await grantActions(grantId)).toEqual(['CREATE', 'REVOKE']);

    // Restoring the round asks again: the withdrawn requests reopen (nothing granted yet), the decline stands.
    await publish([round({ externalId: 'DR-LC-1', teams: [{ name: '第一巡察组', leaderExternalId: 'DR-RY-1', memberExternalIds: ['DR-RY-2', 'DR-RY-4'], unitCreditCodes: [unitA, unitB] }] })]);
    const restored = await requests('xcb-office', { roundId: id });
    expect(restored.filter((r) => r.status === 'PENDING')).toHaveLength(7);
    expect(restored.filter((r) => r.status === 'PENDING').every((r) => !r.approved.length && !r.decidedBy && !r.withdrawnAt)).toBe(true);
    expect(find(restored, 'DISCIPLINE_COMMISSION', unitA).status).toBe('DECLINED');
    const reread = await unitData('xcb-member', [unitA]);
    expect(reread.byUnit.get(unitA).petitions.nodes.every((p: { conclusion: string | null }) => p.conclusion === null)).toBe(true);
  });

  it('grants end with the round plus the rectification window, and move when the round’s end date moves', async () => {
    const team = { name: '第二巡察组', leaderExternalId: 'DR-RY-1', memberExternalIds: ['DR-RY-2'], unitCreditCodes: [unitA] };
    await publish([round({ externalId: 'DR-LC-2', status: 'IN_PROGRESS', startDate: daysFromToday(-10), endDate: daysFromToday(5), teams: [team] })]);
    const id = await roundId('DR-LC-2');
    const list = await requests('xcb-office', { roundId: id });
    const res = await as('xfj-officer', APPROVE, { id: find(list, 'PETITION_BUREAU', unitA).id });
    expect(res.errors).toBeUndefined();
    const readable = async () => (await unitData('xcb-member', [unitA])).byUnit.get(unitA).petitions.nodes.some((p: { conclusion: string | null }) => p.conclusion);
    expect(await readable()).toBe(true);

    // The round ended three days ago; with a one-day window the grant is over.
    await publish([round({ externalId: 'DR-LC-2', status: 'COMPLETED', startDate: daysFromToday(-10), endDate: daysFromToday(-3), teams: [team] })]);
    expect(await readable()).toBe(false);
    expect(await grantActions(res.data.approveDataRequest.approved[0].grantId)).toEqual(['CREATE', 'RESCHEDULE']);
    // And nothing more can be granted for it.
    expect(codes(await as('sj-officer', APPROVE, { id: find(list, 'AUDIT_BUREAU', unitA).id }))).toEqual(['CONFLICT']);
  });

  it('standing approvals answer requests the moment a round is published; a tied member still sees nothing of that unit', async () => {
    const catalogue = await as('sj-officer', '{ collaborationCatalogue(providerAgencyKind: AUDIT_BUREAU) { id typeName } }');
    const entries: { id: string; typeName: string }[] = catalogue.data.collaborationCatalogue;
    const STANDING = `mutation($e: UUID!) { createStandingApproval(entryId: $e) { id entryId effect } }`;
    expect(codes(await as('sj-system', STANDING, { e: entries[0].id }))).toEqual(['FORBIDDEN']);
    expect(codes(await as('xfj-officer', STANDING, { e: entries[0].id }))).toEqual(['FORBIDDEN']);
    for (const e of entries) expect((await as('sj-officer', STANDING, { e: e.id })).errors).toBeUndefined();
    expect(codes(await as('sj-officer', STANDING, { e: entries[0].id }))).toEqual(['CONFLICT']);

    const team = { name: '第三巡察组', leaderExternalId: 'DR-RY-1', memberExternalIds: ['DR-RY-2', 'DR-RY-3'], unitCreditCodes: [unitB, unitD] };
    await publish([round({ externalId: 'DR-LC-3', teams: [team] })]);
    const list = await requests('xcb-office', { roundId: await roundId('DR-LC-3') });
    expect(list.filter((r) => r.providerAgencyKind === 'AUDIT_BUREAU').map((r) => [r.status, !!r.standingApprovalId])).toEqual([
      ['APPROVED', true],
      ['APPROVED', true],
    ]);
    expect(list.filter((r) => r.providerAgencyKind !== 'AUDIT_BUREAU').every((r) => r.status === 'PENDING')).toBe(true);

    // Batched: a round of five units costs the same SQL statements as a round of one, standing answers included.
    const statements = async (externalId: string, units: string[]) => {
      const res = await as('xcb-office', PUBLISH_ROUNDS, { records: [round({ externalId, teams: [{ name: '第五巡察组', leaderExternalId: 'DR-RY-3', memberExternalIds: [], unitCreditCodes: units }] })] });
      expect(res.errors).toBeUndefined();
      return res.extensions?.sqlStatements as number;
    };
    // Rounds name units the organisation department has published.
    await publishBareUnits(hub, [901, 902, 903, 904, 905, 906].map((n) => creditCode('12', '990108', n)), '990100');
    const one = await statements('DR-LC-5', [creditCode('12', '990108', 901)]);
    const five = await statements('DR-LC-6', [902, 903, 904, 905, 906].map((n) => creditCode('12', '990108', n)));
    expect(one).toBeGreaterThan(0);
    expect(five).toBe(one);
    expect((await requests('xcb-office', { roundId: await roundId('DR-LC-6') })).filter((r) => r.status === 'APPROVED')).toHaveLength(5); // the audit bureau's, one per unit

    // Unit D is where the member worked (from the talent pool): the leader reads its findings, the member does not.
    const leader = await unitData('xcb-leader', [unitD]);
    const member = await unitData('xcb-member', [unitD]);
    expect(leader.byUnit.get(unitD).auditFindings.nodes.every((f: { description: string | null }) => f.description)).toBe(true);
    expect(leader.byUnit.get(unitD).auditFindings.totalCount).toBeGreaterThan(0);
    expect(member.byUnit.get(unitD).auditFindings.nodes.every((f: { description: string | null }) => f.description === null)).toBe(true);
  });

  it('flags members tied to a unit of their team, and records the office’s override with its justification', async () => {
    const FLAGS = `query($id: UUID!) { round(id: $id) { teams { id name recusalFlags { inspector { id name } unitCreditCode reasons overridden justification } } } }`;
    const id = await roundId('DR-LC-3');
    const res = await as('xcb-office', FLAGS, { id });
    expect(res.errors).toBeUndefined();
    const [team] = res.data.round.teams;
    const flags = team.recusalFlags.map((f: { inspector: { name: string }; unitCreditCode: string; reasons: string[] }) => [f.inspector.name, f.unitCreditCode, f.reasons]);
    expect(flags).toEqual(
      expect.arrayContaining([
        ['协查测试巡察员3', unitB, ['HOME_REGION', 'PAST_EMPLOYER']],
        ['协查测试巡察员3', unitD, ['HOME_REGION']],
        ['协查测试巡察员2', unitD, ['PAST_EMPLOYER']],
      ]),
    );
    expect(flags).toHaveLength(3);
    const flagged = team.recusalFlags.find((f: { unitCreditCode: string; inspector: { name: string } }) => f.unitCreditCode === unitB);
    const OVERRIDE = `mutation($t: UUID!, $i: UUID!, $u: String!, $j: String!) { overrideRecusal(teamId: $t, inspectorId: $i, unitCreditCode: $u, justification: $j) }`;
    const vars = { t: team.id, i: flagged.inspector.id, u: unitB, j: '该同志离开原单位已满五年，且具备工程审计专长，经领导小组研究同意保留' };
    expect(codes(await as('xfj-officer', OVERRIDE, vars))).toEqual(['FORBIDDEN']);
    expect(codes(await as('xcb-office', OVERRIDE, { ...vars, u: unitA }))).toEqual(['BAD_USER_INPUT']); // no such flag
    expect((await as('xcb-office', OVERRIDE, vars)).data.overrideRecusal).toBe(true);
    expect(codes(await as('xcb-office', OVERRIDE, vars))).toEqual(['CONFLICT']);
    // Two offices overriding the same flag at once: one is recorded, the other told so — no internal error.
    const second = team.recusalFlags.find((f: { unitCreditCode: string; inspector: { name: string } }) => f.unitCreditCode === unitD && f.inspector.name === '协查测试巡察员2');
    const race = await Promise.all([1, 2].map(() => as('xcb-office', OVERRIDE, { ...vars, i: second.inspector.id, u: unitD })));
    expect(race.map((r) => (r.errors ? r.errors[0].extensions?.code : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
    const again = await as('xcb-office', FLAGS, { id });
    const kept = again.data.round.teams[0].recusalFlags.find((f: { unitCreditCode: string }) => f.unitCreditCode === unitB);
    expect(kept).toMatchObject({ overridden: true, justification: vars.j });
    // Another agency reads the team, not the flags (CONDITIONAL, inspection office's data).
    const other = await as('xfj-officer', FLAGS, { id });
    expect(other.data.round.teams[0].recusalFlags).toBeNull();
    expect(codes(other)).toEqual(['FORBIDDEN']);
  });
});

describe('planCrossInspection (交叉巡察方案)', () => {
  let hub: TestHub;
  let office: string;
  const PLAN = `query($zone: [String!]!, $r: UUID!, $u: [String!]) { planCrossInspection(zone: $zone, roundId: $r, unitCreditCodes: $u) {
    assignments { team { name } unitCreditCode } uncovered { unitCreditCode reasons } loads { team { name } units } } }`;
  // Units of three counties, two each, and one outside the zone.
  const unit = (county: string, n: number) => creditCode('11', county, 900 + n);
  const [u2a, u2b, u3a, u3b, u4a, u4b, u9] = [unit('990102', 1), unit('990102', 2), unit('990103', 1), unit('990103', 2), unit('990104', 1), unit('990104', 2), unit('990109', 1)];
  let roundId: string;

  beforeAll(async () => {
    hub = await startTestHub({ seed: true });
    office = await hub.token('xcb-office');
    const inspectors = [
      { n: 1, home: '990102', past: [u3b] },
      { n: 2, home: '990103', past: [] },
      { n: 3, home: '990104', past: [] },
      { n: 4, home: '990106', past: [u2a, u3b] },
    ].map(({ n, home, past }) => ({
      externalId: `PL-RY-${n}`,
      name: `交叉巡察员${n}`,
      homeRegionCode: home,
      pastEmployerCreditCodes: past,
      residentId: residentId('99010619800101', n),
    }));
    expect((await gql(hub.url, office, PUBLISH_INSPECTORS, { records: inspectors })).errors).toBeUndefined();
    const teams = [
      { name: '第一组', leaderExternalId: 'PL-RY-1', memberExternalIds: [], unitCreditCodes: [] },
      { name: '第二组', leaderExternalId: 'PL-RY-2', memberExternalIds: [], unitCreditCodes: [] },
      { name: '第三组', leaderExternalId: 'PL-RY-3', memberExternalIds: ['PL-RY-4'], unitCreditCodes: [] },
    ];
    const res = await gql(hub.url, office, PUBLISH_ROUNDS, {
      records: [
        { externalId: 'PL-LC-1', name: '2027年交叉巡察（测试）', kind: 'REGULAR', mode: 'CROSS', startDate: daysFromToday(30), endDate: daysFromToday(90), status: 'PLANNED', teams },
        { externalId: 'PL-LC-2', name: '2027年本级巡察（测试）', kind: 'REGULAR', mode: 'LOCAL', startDate: daysFromToday(30), endDate: daysFromToday(90), status: 'PLANNED', teams: [] },
      ],
    });
    expect(res.errors).toBeUndefined();
    roundId = (await hub.sources.get('inspection')!.query(`SELECT id FROM inspection.inspection_round WHERE external_id = 'PL-LC-1'`))[0].id;
  });
  afterAll(() => hub?.stop());

  it('covers every unit it can with no team in its own county and no conflicted member, spreading the load, and explains the rest', async () => {
    const res = await gql(hub.url, office, PLAN, { zone: ['990102', '990103', '990104'], r: roundId, u: [u2a, u2b, u3a, u3b, u4a, u4b, u9] });
    expect(res.errors).toBeUndefined();
    const plan = res.data.planCrossInspection;
    const own: Record<string, string> = { 第一组: '990102', 第二组: '990103', 第三组: '990104' };
    for (const a of plan.assignments) expect(a.unitCreditCode.slice(2, 8)).not.toBe(own[a.team.name]);
    const teamOf = new Map(plan.assignments.map((a: { unitCreditCode: string; team: { name: string } }) => [a.unitCreditCode, a.team.name]));
    expect(teamOf.get(u2a)).toBe('第二组'); // 第一组 is from 990102; 第三组's member worked at u2a
    expect(teamOf.has(u3b)).toBe(false); // 第二组 is from 990103; the other two teams have people who worked there
    expect([...teamOf.keys()].sort()).toEqual([u2a, u2b, u3a, u4a, u4b].sort());
    const uncovered = new Map(plan.uncovered.map((x: { unitCreditCode: string; reasons: string[] }) => [x.unitCreditCode, x.reasons]));
    expect([...uncovered.keys()].sort()).toEqual([u3b, u9].sort());
    expect(uncovered.get(u3b)).toEqual([expect.stringContaining('第一组'), expect.stringContaining('第二组'), expect.stringContaining('第三组')]);
    expect((uncovered.get(u9) as string[])[0]).toContain('协作片区');
    const loads = plan.loads.map((l: { units: number }) => l.units);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(loads.reduce((s: number, n: number) => s + n, 0)).toBe(5);
  });

  it('is for the inspection office, on CROSS rounds, with valid input', async () => {
    const vars = { zone: ['990102'], r: roundId, u: [u2a] };
    expect(codes(await gql(hub.url, await hub.token('xfj-officer'), PLAN, vars))).toEqual(['FORBIDDEN']);
    const local = (await hub.sources.get('inspection')!.query(`SELECT id FROM inspection.inspection_round WHERE external_id = 'PL-LC-2'`))[0].id;
    expect(codes(await gql(hub.url, office, PLAN, { ...vars, r: local }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(hub.url, office, PLAN, { ...vars, zone: ['99'] }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(hub.url, office, PLAN, { ...vars, u: ['913201001234567890'] }))).toEqual(['BAD_USER_INPUT']);
  });
});
