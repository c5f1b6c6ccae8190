import { codes, gql, startTestHub, type TestHub } from './support/hub';
import { PUBLISH_ROUNDS, daysFromToday, publishLinkedInspectors, roundIdOf, unitsWithRecords } from './support/rounds';

const CLUE = `id status allowedNext unitCreditCode summary details evidenceRefs teamOpinion commissionOpinion disposalMethod transferredAt filedAt closedAt result problemClueId
  events { action fromStatus toStatus actorId actorName actorAgencyKind at }`;
const RECORD = `mutation($i: FastTrackClueInput!) { recordFastTrackClue(input: $i) { ${CLUE} } }`;
const OPINION = `mutation($id: UUID!, $o: String!) { recordClueOpinion(id: $id, opinion: $o) { ${CLUE} } }`;
const ACCEPT = `mutation($id: UUID!) { acceptClueTransfer(id: $id) { ${CLUE} } }`;
const DISPOSE = `mutation($id: UUID!, $m: DisposalMethod!) { disposeClue(id: $id, method: $m) { ${CLUE} } }`;
const FILE = `mutation($id: UUID!) { fileClueCase(id: $id) { ${CLUE} } }`;
const CLOSE = `mutation($id: UUID!, $r: String!) { closeClue(id: $id, result: $r) { ${CLUE} } }`;
const STATS = `query($r: UUID, $region: String, $team: UUID, $from: Date, $to: Date) { inspectionStatistics(roundId: $r, regionCode: $region, teamId: $team, from: $from, to: $to) {
  clues transferred medianDaysToTransfer p90DaysToTransfer closed filed filingRate closureRate findings rectifiedFindings rectificationRate immediateRectifications rulesEstablished } }`;

/** percentile_cont: linear interpolation between the closest ranks. */
function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * p;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}

describe('clue fast track (绿色通道) and the statistics agencies report', () => {
  let hub: TestHub;
  const tokens: Record<string, string> = {};
  let unitA: string;
  let unitB: string;
  let roundId: string;
  const as = (login: string, query: string, variables?: Record<string, unknown>) => gql(hub.url, tokens[login], query, variables);
  const ok = async (login: string, query: string, variables?: Record<string, unknown>) => {
    const res = await as(login, query, variables);
    if (res.errors) throw new Error(`${login}: ${JSON.stringify(res.errors)}`);
    return Object.values(res.data)[0] as any;
  };
  const clueInput = (extra: Record<string, unknown> = {}) => ({
    roundId,
    unitCreditCode: unitA,
    summary: '反映该镇违规发放津贴补贴问题',
    details: '据反映，2025年该镇以加班费名义向班子成员发放津贴补贴共计约12万元。',
    evidenceRefs: ['XC-ZJ-001', 'XC-ZJ-002'],
    discoveredDate: daysFromToday(-3),
    ...extra,
  });
  const publishRound = async (externalId: string, units: string[], start: number) => {
    const res = await as('xcb-office', PUBLISH_ROUNDS, {
      records: [
        {
          externalId,
          name: `2026年第四轮巡察（${externalId}）`,
          kind: 'REGULAR',
          mode: 'CROSS',
          startDate: daysFromToday(start),
          endDate: daysFromToday(40),
          status: 'IN_PROGRESS',
          teams: [{ name: '第一巡察组', leaderExternalId: 'FT-RY-1', memberExternalIds: ['FT-RY-2'], unitCreditCodes: units }],
        },
      ],
    });
    expect(res.errors).toBeUndefined();
    return roundIdOf(hub, externalId);
  };

  beforeAll(async () => {
    hub = await startTestHub();
    for (const login of ['admin', 'xcb-office', 'xcb-system', 'xcb-leader', 'xcb-member', 'jw-officer', 'jw-case', 'jw-system', 'xfj-officer', 'sj-officer']) tokens[login] = await hub.token(login);
    [unitA, unitB] = (await unitsWithRecords(hub, '990103', 2)).map((u) => u.code);
    await publishLinkedInspectors(hub, 'FT', 1);
    roundId = await publishRound('FT-LC-1', [unitA], -10);
  });
  afterAll(() => hub?.stop());

  it('walks every allowed step, each timestamped and attributed, into the discipline commission’s own ledger and back to the office', async () => {
    let clue = await ok('xcb-member', RECORD, { i: clueInput() });
    expect(clue).toMatchObject({ status: 'RECORDED', allowedNext: ['REVIEWED'], problemClueId: null });
    clue = await ok('xcb-leader', OPINION, { id: clue.id, o: '建议移交纪委监委按程序处置' });
    expect(clue.status).toBe('RECORDED'); // one opinion is not a joint review
    clue = await ok('jw-officer', OPINION, { id: clue.id, o: '同意移交，由案件监督管理室接收' });
    expect(clue.status).toBe('REVIEWED');
    clue = await ok('jw-case', ACCEPT, { id: clue.id });
    expect(clue).toMatchObject({ status: 'TRANSFERRED', problemClueId: expect.any(String) });
    clue = await ok('jw-officer', DISPOSE, { id: clue.id, m: 'PRELIMINARY_VERIFICATION' });
    clue = await ok('jw-officer', FILE, { id: clue.id });
    expect(clue.allowedNext).toEqual(['CLOSED']);
    clue = await ok('jw-officer', CLOSE, { id: clue.id, r: '经审查，给予相关责任人党内警告处分，违规款项已全部收缴' });
    expect(clue).toMatchObject({ status: 'CLOSED', allowedNext: [], disposalMethod: 'PRELIMINARY_VERIFICATION' });

    const ids = Object.fromEntries(await Promise.all(['xcb-member', 'xcb-leader', 'jw-officer', 'jw-case'].map(async (l) => [l, await hub.principalId(l)])));
    expect(clue.events.map((e: any) => [e.action, e.fromStatus, e.toStatus, e.actorId, e.actorAgencyKind])).toEqual([
      ['RECORD', null, 'RECORDED', ids['xcb-member'], 'INSPECTION_OFFICE'],
      ['TEAM_OPINION', 'RECORDED', 'RECORDED', ids['xcb-leader'], 'INSPECTION_OFFICE'],
      ['COMMISSION_OPINION', 'RECORDED', 'REVIEWED', ids['jw-officer'], 'DISCIPLINE_COMMISSION'],
      ['TRANSFER', 'REVIEWED', 'TRANSFERRED', ids['jw-case'], 'DISCIPLINE_COMMISSION'],
      ['DISPOSE', 'TRANSFERRED', 'DISPOSED', ids['jw-officer'], 'DISCIPLINE_COMMISSION'],
      ['FILE', 'DISPOSED', 'FILED', ids['jw-officer'], 'DISCIPLINE_COMMISSION'],
      ['CLOSE', 'FILED', 'CLOSED', ids['jw-officer'], 'DISCIPLINE_COMMISSION'],
    ]);
    const times = clue.events.map((e: any) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    // The commission's ledger holds it as a problem clue from inspection, linked back, in the same state.
    const ledger = await as('jw-officer', `query($c: String!) { unitByCreditCode(creditCode: $c) { clues(first: 50) { nodes { id source status disposalMethod filedDate closedDate fastTrackClueId summary details } } } }`, { c: unitA });
    const mirrored = ledger.data.unitByCreditCode.clues.nodes.find((n: any) => n.id === clue.problemClueId);
    expect(mirrored).toMatchObject({ source: 'INSPECTION', status: 'CLOSED', disposalMethod: 'PRELIMINARY_VERIFICATION', fastTrackClueId: clue.id });
    // The fast-track text stays RESTRICTED there too: the grantable summary says only where it came from.
    expect(mirrored.details).toBe(`${clueInput().summary}\n\n${clueInput().details}`);
    expect(mirrored.summary).not.toContain(clueInput().summary);
    expect(mirrored.filedDate).toBeTruthy();

    // The result is fed back: the office reads it, with the details its team wrote.
    const office = await ok('xcb-office', `query($r: UUID) { fastTrackClues(roundId: $r) { nodes { id status result details } } }`, { r: roundId });
    expect(office.nodes.find((n: any) => n.id === clue.id)).toMatchObject({ status: 'CLOSED', result: expect.stringContaining('党内警告'), details: clueInput().details });
  });

  it('the cadre a fast-track clue names stays RESTRICTED: the transferred problem clue does not copy it into its grantable subjectCadre (issue 9)', async () => {
    const [{ id: cadreId }] = await hub.sources
      .get('organization')!
      .query('SELECT c.id FROM organization.cadre c JOIN organization.inspected_unit u ON u.id = c.unit_id WHERE u.credit_code = $1 LIMIT 1', [unitA]);
    let clue = await ok('xcb-member', RECORD, { i: clueInput({ summary: '反映该镇主要负责人违规插手工程', cadreId }) });
    await ok('xcb-leader', OPINION, { id: clue.id, o: '建议移交' });
    await ok('jw-officer', OPINION, { id: clue.id, o: '同意移交' });
    clue = await ok('jw-case', ACCEPT, { id: clue.id });
    // An outside agency granted ProblemClue.subjectCadre for every unit (a CONDITIONAL field) must not learn the cadre.
    const gaj = (await hub.sources.get('access')!.query(`SELECT id FROM access.agency WHERE code = 'gaj'`))[0].id;
    const granted = await as('admin', `mutation($i: GrantInput!) { createGrant(input: $i) { id } }`, {
      i: { subjectKind: 'AGENCY', subjectValue: gaj, typeName: 'ProblemClue', fields: ['subjectCadre'], effect: 'ALLOW', scopeKind: 'ALL_UNITS', unitCreditCodes: [], purpose: '测试：被反映人不应外泄' },
    });
    expect(granted.errors).toBeUndefined();
    const read = `query($c: String!) { unitByCreditCode(creditCode: $c) { clues(first: 100) { nodes { id subjectCadre { id } } } } }`;
    for (const login of ['gaj-officer', 'jw-officer']) {
      const res = await gql(hub.url, await hub.token(login), read, { c: unitA });
      const mirrored = res.data.unitByCreditCode.clues.nodes.find((n: { id: string }) => n.id === clue.problemClueId);
      expect({ login, mirrored }).toEqual({ login, mirrored: { id: clue.problemClueId, subjectCadre: null } });
    }
    const [row] = await hub.sources.get('discipline')!.query('SELECT subject_cadre_id FROM discipline.problem_clue WHERE id = $1', [clue.problemClueId]);
    expect(row.subject_cadre_id).toBeNull();
    // The commission still reads it where it is RESTRICTED and co-owned: on the fast-track clue.
    const own = await ok('jw-officer', `query($r: UUID) { fastTrackClues(roundId: $r) { nodes { id cadreId } } }`, { r: roundId });
    expect(own.nodes.find((n: { id: string }) => n.id === clue.id).cadreId).toBe(cadreId);
  });

  it('refuses wrong states, roles and agencies with the allowed next states named', async () => {
    const clue = await ok('xcb-member', RECORD, { i: clueInput({ summary: '反映该镇工程项目未经招标直接发包' }) });
    const refused = async (login: string, query: string, variables: Record<string, unknown>) => {
      const res = await as(login, query, variables);
      return { code: res.errors?.[0]?.extensions?.code, allowedNext: res.errors?.[0]?.extensions?.allowedNext, message: res.errors?.[0]?.message };
    };
    // Closing or transferring an unreviewed clue: wrong state, naming what may come next.
    expect(await refused('jw-officer', CLOSE, { id: clue.id, r: '未经研判直接办结' })).toMatchObject({ code: 'CONFLICT', allowedNext: ['REVIEWED'], message: expect.stringContaining('allowed next: REVIEWED') });
    expect(await refused('jw-case', ACCEPT, { id: clue.id })).toMatchObject({ code: 'CONFLICT', allowedNext: ['REVIEWED'] });
    // Wrong role: a member is not the leader; an officer is not the case supervision office; wrong agency.
    expect((await refused('xcb-member', OPINION, { id: clue.id, o: '组员意见' })).code).toBe('FORBIDDEN');
    expect((await refused('xfj-officer', OPINION, { id: clue.id, o: '信访局意见' })).code).toBe('FORBIDDEN');
    await ok('xcb-leader', OPINION, { id: clue.id, o: '建议移交' });
    expect((await refused('xcb-leader', OPINION, { id: clue.id, o: '再次提出意见' })).code).toBe('CONFLICT');
    await ok('jw-officer', OPINION, { id: clue.id, o: '同意移交' });
    expect((await refused('jw-officer', ACCEPT, { id: clue.id })).code).toBe('FORBIDDEN');
    expect((await refused('sj-officer', DISPOSE, { id: clue.id, m: 'SHELVE' })).code).toBe('FORBIDDEN');
    expect((await refused('xcb-office', ACCEPT, { id: clue.id })).code).toBe('FORBIDDEN');
    await ok('jw-case', ACCEPT, { id: clue.id });
    await ok('jw-officer', DISPOSE, { id: clue.id, m: 'TALK_LETTER_INQUIRY' });
    // Filing follows preliminary verification only; filing twice is a wrong state.
    expect((await refused('jw-officer', FILE, { id: clue.id })).code).toBe('BAD_USER_INPUT');
    const other = await ok('xcb-member', RECORD, { i: clueInput({ summary: '反映该镇违规使用公务用车' }) });
    await ok('xcb-leader', OPINION, { id: other.id, o: '建议移交' });
    await ok('jw-officer', OPINION, { id: other.id, o: '同意' });
    await ok('jw-case', ACCEPT, { id: other.id });
    await ok('jw-officer', DISPOSE, { id: other.id, m: 'PRELIMINARY_VERIFICATION' });
    await ok('jw-officer', FILE, { id: other.id });
    expect(await refused('jw-officer', FILE, { id: other.id })).toMatchObject({ code: 'CONFLICT', allowedNext: ['CLOSED'] });
    // Recording: only the team inspecting the unit, only about its units, with a real date.
    expect((await refused('xfj-officer', RECORD, { i: clueInput() })).code).toBe('FORBIDDEN');
    expect((await refused('xcb-member', RECORD, { i: clueInput({ unitCreditCode: unitB }) })).code).toBe('NOT_FOUND');
    expect((await refused('xcb-member', RECORD, { i: clueInput({ discoveredDate: daysFromToday(3) }) })).code).toBe('BAD_USER_INPUT');
    expect((await refused('xcb-member', RECORD, { i: clueInput({ discoveredDate: daysFromToday(-30) }) })).code).toBe('BAD_USER_INPUT'); // before the round
  });

  it('a retried recording with the same key returns the clue already recorded, never a second one', async () => {
    const count = async () => Number((await hub.sources.get('inspection')!.query('SELECT count(*) AS n FROM inspection.fast_track_clue'))[0].n);
    const before = await count();
    const first = await ok('xcb-member', RECORD, { i: clueInput({ clientKey: 'ft-retry-1', summary: '反映该镇违规收取费用' }) });
    const again = await ok('xcb-member', RECORD, { i: clueInput({ clientKey: 'ft-retry-1', summary: '反映该镇违规收取费用' }) });
    expect(again.id).toBe(first.id);
    expect(await count()).toBe(before + 1);
    // The same key from the leader is the leader's own recording.
    const leaders = await ok('xcb-leader', RECORD, { i: clueInput({ clientKey: 'ft-retry-1', summary: '反映该镇违规收取费用' }) });
    expect(leaders.id).not.toBe(first.id);
  });

  it('keeps the details to the team and the commission, and never deletes anything', async () => {
    const catalog = await ok('xfj-officer', `{ catalog(typeName: "FastTrackClue") { fieldName sensitivity sharedWith } }`);
    expect(catalog.find((f: any) => f.fieldName === 'details')).toEqual({ fieldName: 'details', sensitivity: 'RESTRICTED', sharedWith: ['DISCIPLINE_COMMISSION'] });
    const q = `{ fastTrackClues(first: 5) { nodes { id details summary } } }`;
    for (const login of ['xcb-office', 'jw-officer']) {
      const res = await as(login, q);
      expect(res.errors).toBeUndefined();
      expect(res.data.fastTrackClues.nodes.every((n: any) => n.details && n.summary)).toBe(true);
    }
    for (const login of ['xfj-officer', 'sj-officer']) expect(codes(await as(login, q))).toEqual(['FORBIDDEN']);
    // A grant cannot open it either: RESTRICTED is never granted.
    const g = await as('admin', `mutation { createGrant(input: { subjectKind: AGENCY, subjectValue: "x", typeName: "FastTrackClue", fields: ["details"], effect: ALLOW, scopeKind: ALL_UNITS, unitCreditCodes: [], purpose: "不应允许" }) { id } }`);
    expect(codes(g)).toEqual(['BAD_USER_INPUT']);

    // The hub's own role may not even try; the database's triggers refuse the superuser too.
    const db = hub.sources.get('inspection')!;
    await expect(db.query('DELETE FROM inspection.fast_track_clue')).rejects.toThrow(/permission denied for table fast_track_clue/);
    await expect(db.query(`UPDATE inspection.fast_track_event SET action = 'X'`)).rejects.toThrow(/permission denied for table fast_track_event/);
    await expect(db.query('DELETE FROM inspection.fast_track_event')).rejects.toThrow(/permission denied for table fast_track_event/);
    await expect(hub.superuser('DELETE FROM inspection.fast_track_clue')).rejects.toThrow(/not allowed/);
    await expect(hub.superuser(`UPDATE inspection.fast_track_event SET action = 'X'`)).rejects.toThrow(/not allowed/);
    await expect(hub.superuser('DELETE FROM inspection.fast_track_event')).rejects.toThrow(/not allowed/);
  });

  describe('the statistics reproduce the source reports', () => {
    let round: string;
    const days: number[] = [];

    beforeAll(async () => {
      round = await publishRound('FT-LC-2', [unitB], -60);
      // 173 clues transferred; 152 of them closed, 37 of those after filing a case.
      const run = async (i: number) => {
        const discovered = daysFromToday(-60 + (i % 50));
        days.push(60 - (i % 50));
        const c = await ok('xcb-member', RECORD, { i: clueInput({ roundId: round, unitCreditCode: unitB, discoveredDate: discovered, summary: `统计测试线索${i}` }) });
        await ok('xcb-leader', OPINION, { id: c.id, o: '建议移交' });
        await ok('jw-officer', OPINION, { id: c.id, o: '同意移交' });
        await ok('jw-case', ACCEPT, { id: c.id });
        if (i >= 152) return;
        await ok('jw-officer', DISPOSE, { id: c.id, m: i < 37 ? 'PRELIMINARY_VERIFICATION' : 'TALK_LETTER_INQUIRY' });
        if (i < 37) await ok('jw-officer', FILE, { id: c.id });
        await ok('jw-officer', CLOSE, { id: c.id, r: '已办结' });
      };
      let next = 0;
      await Promise.all(Array.from({ length: 6 }, async () => {
        while (next < 173) await run(next++);
      }));
      // 48 findings, 45 rectified (every item done), 15 rules established, 6 rectified at once.
      const findings = Array.from({ length: 48 }, (_, i) => ({
        externalId: `FT-WT-${i}`,
        roundExternalId: 'FT-LC-2',
        unitCreditCode: unitB,
        category: 'INTEGRITY',
        description: `统计测试发现问题${i}`,
        severity: 'MEDIUM',
        immediateRectification: i < 6,
        rectificationItems: [
          { measures: '完善制度', responsibleUnitCreditCode: unitB, deadline: daysFromToday(30), status: i < 45 ? 'DONE' : 'IN_PROGRESS', evidence: i < 45 ? '整改报告' : null, rulesEstablished: i < 15 ? 1 : 0 },
        ],
      }));
      const res = await as('xcb-system', `mutation($r: [InspectionFindingInput!]!) { publishFindings(records: $r) { created } }`, { r: findings });
      expect(res.errors).toBeUndefined();
      // About a thousand calls through the gateway: ~45 s on a busy 2-core machine, over jest's 60 s beside another test file.
    }, 240_000);

    it('173 transferred, 152 closed, 37 filed → 24.3% filing rate; 48 findings, 45 rectified → 93.75%', async () => {
      const s = (await as('xcb-office', STATS, { r: round })).data.inspectionStatistics;
      expect(s).toMatchObject({ clues: 173, transferred: 173, closed: 152, filed: 37, findings: 48, rectifiedFindings: 45, rulesEstablished: 15, immediateRectifications: 6 });
      expect(s.filingRate).toBeCloseTo(0.243, 3);
      expect(s.rectificationRate).toBe(0.9375);
      expect(s.closureRate).toBeCloseTo(152 / 173, 6);
      expect(s.medianDaysToTransfer).toBeCloseTo(percentile(days, 0.5), 6);
      expect(s.p90DaysToTransfer).toBeCloseTo(percentile(days, 0.9), 6);
      // The same through the commission, and by region; other agencies see no clues and only the findings they may.
      expect((await as('jw-officer', STATS, { r: round })).data.inspectionStatistics).toMatchObject({ clues: 173, filed: 37 });
      expect((await as('xcb-office', STATS, { r: round, region: '990104' })).data.inspectionStatistics).toMatchObject({ clues: 0, findings: 0 });
      expect((await as('xfj-officer', STATS, { r: round })).data.inspectionStatistics).toMatchObject({ clues: 0, transferred: 0, filingRate: null, findings: 0 });
      // By team and by period: the round's one team has it all; clues found in the last ten days are those found then.
      const [{ id: team }] = await hub.sources.get('inspection')!.query('SELECT id FROM inspection.inspection_team WHERE round_id = $1', [round]);
      expect((await as('xcb-office', STATS, { team })).data.inspectionStatistics).toMatchObject({ clues: 173, filed: 37, findings: 48 });
      const recent = days.filter((d) => d <= 10).length;
      expect((await as('xcb-office', STATS, { r: round, from: daysFromToday(-10) })).data.inspectionStatistics.clues).toBe(recent);
      expect((await as('xcb-office', STATS, { r: round, to: daysFromToday(-11) })).data.inspectionStatistics.clues).toBe(173 - recent);
    });

    it('one more filed clue through the API changes the rate accordingly', async () => {
      const c = await ok('xcb-member', RECORD, { i: clueInput({ roundId: round, unitCreditCode: unitB, summary: '统计测试新增线索' }) });
      for (const [login, query, variables] of [
        ['xcb-leader', OPINION, { id: c.id, o: '建议移交' }],
        ['jw-officer', OPINION, { id: c.id, o: '同意移交' }],
        ['jw-case', ACCEPT, { id: c.id }],
        ['jw-officer', DISPOSE, { id: c.id, m: 'PRELIMINARY_VERIFICATION' }],
        ['jw-officer', FILE, { id: c.id }],
        ['jw-officer', CLOSE, { id: c.id, r: '已办结' }],
      ] as const) await ok(login, query, variables);
      const s = (await as('xcb-office', STATS, { r: round })).data.inspectionStatistics;
      expect(s).toMatchObject({ transferred: 174, closed: 153, filed: 38 });
      expect(s.filingRate).toBeCloseTo(38 / 153, 6);
    });
  });
});

