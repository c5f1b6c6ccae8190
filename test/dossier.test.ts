import { creditCode } from '../src/db/seed/random';
import { startHub, type Hub } from '../src/hub';
import { serveSubgraph, type ServedSubgraph } from '../src/subgraphs/http';
import { codes, gql, startTestHub, type GqlResult, type TestHub } from './support/hub';
import { publishBareUnits } from './support/units';
import { APPROVE, DECLINE, PUBLISH_ROUNDS, daysFromToday, findRequest, publishLinkedInspectors, requestsAs, roundIdOf, unitsWithRecords } from './support/rounds';

const SECTION = 'availability source types grantIds requests { typeName status declineReason providerAgencyName }';
const DOSSIER = `query($unit: String!, $round: UUID!) {
  preInspectionDossier(unitCreditCode: $unit, roundId: $round) {
    roundId unitCreditCode
    round { name } team { name }
    unit { name kind authorisedHeadcount actualHeadcount leadershipTeam { name } }
    profile { ${SECTION} unit { name leadershipTeam { name } } }
    petitions { ${SECTION} stats { total anonymousShare byYear { year count } byCategory { category count } } items(first: 50) { totalCount nodes { id summary conclusion maskedFields } } }
    clues { ${SECTION} stats { total } items(first: 20) { totalCount nodes { id summary } } }
    sanctions { ${SECTION} items(first: 20) { totalCount nodes { id reason } } }
    supervision { ${SECTION} groups { name notes } }
    audit { ${SECTION} stats { findings rectified } findings(first: 20) { totalCount nodes { id description rectificationStatus } } }
    history { ${SECTION} inspections { round { name } rectificationRate } }
  }
}`;
const SECTIONS = ['profile', 'petitions', 'clues', 'sanctions', 'supervision', 'audit', 'history'] as const;

describe('pre-inspection dossier (巡前材料) in one query', () => {
  let hub: TestHub;
  const tokens: Record<string, string> = {};
  let unitA: string;
  let unitB: string;
  let roundId: string;
  const as = (login: string, query: string, variables?: Record<string, unknown>) => gql(hub.url, tokens[login], query, variables);
  const dossier = async (login: string, unit: string, round = roundId, url = hub.url) => gql(url, tokens[login], DOSSIER, { unit, round });
  const states = (res: GqlResult) => Object.fromEntries(SECTIONS.map((s) => [s, res.data.preInspectionDossier[s]?.availability]));
  const team = (units: string[]) => ({ name: '第一巡察组', leaderExternalId: 'DS-RY-1', memberExternalIds: ['DS-RY-2'], unitCreditCodes: units });
  const round = (externalId: string, units: string[]) => ({
    externalId,
    name: `2026年第三轮巡察（${externalId}）`,
    kind: 'REGULAR',
    mode: 'CROSS',
    startDate: daysFromToday(5),
    endDate: daysFromToday(50),
    status: 'PLANNED',
    teams: [team(units)],
  });

  beforeAll(async () => {
    hub = await startTestHub();
    for (const login of ['admin', 'xcb-office', 'xcb-system', 'xcb-member', 'xfj-officer', 'jw-officer', 'sj-system', 'zzb-officer']) tokens[login] = await hub.token(login);
    // Only this round's requests decide here: the demo's standing grants to the inspection office are revoked first.
    const office = (await hub.sources.get('access')!.query(`SELECT id FROM access.agency WHERE code = 'xcb'`))[0].id;
    const standing = await as('admin', `query($v: String!) { grants(subjectKind: AGENCY, subjectValue: $v) { id } }`, { v: office });
    for (const g of standing.data.grants) expect((await as('admin', 'mutation($id: UUID!) { revokeGrant(id: $id) { id } }', { id: g.id })).errors).toBeUndefined();
    [unitA, unitB] = (await unitsWithRecords(hub, '990103', 2)).map((u) => u.code);
    await publishLinkedInspectors(hub, 'DS', 1);
    expect((await as('xcb-office', PUBLISH_ROUNDS, { records: [round('DS-LC-1', [unitA, unitB])] })).errors).toBeUndefined();
    roundId = await roundIdOf(hub, 'DS-LC-1');
  });
  afterAll(() => hub?.stop());

  it('shows exactly what each provider answered: approved (masked where so approved), declined, pending', async () => {
    const requests = await requestsAs(hub, tokens['xcb-office'], { roundId });
    const ok = async (login: string, query: string, variables: Record<string, unknown>) => expect((await as(login, query, variables)).errors).toBeUndefined();
    await ok('xfj-officer', APPROVE, { id: findRequest(requests, 'PETITION_BUREAU', unitA).id });
    await ok('xfj-officer', APPROVE, { id: findRequest(requests, 'PETITION_BUREAU', unitB).id, items: [{ typeName: 'Petition', effect: 'MASK', maskStrategy: 'REDACT_TEXT' }] });
    await ok('jw-officer', DECLINE, { id: findRequest(requests, 'DISCIPLINE_COMMISSION', unitA).id, reason: '相关问题线索正在办理，暂不提供' });
    await ok('sj-system', APPROVE, { id: findRequest(requests, 'AUDIT_BUREAU', unitA).id });
    // Discipline for B, audit for B and the organisation department stay pending.

    const a = await dossier('xcb-member', unitA);
    const b = await dossier('xcb-member', unitB);
    for (const res of [a, b]) for (const e of res.errors ?? []) expect(e.extensions?.code).toBe('FORBIDDEN');
    // Earlier inspections, from the inspection office's own tables: the history section must agree.
    const history = async (unit: string) => {
      const [{ n }] = await hub.sources.get('inspection')!.query(
        `SELECT count(*)::int AS n FROM inspection.inspection_round r WHERE r.status <> 'CANCELLED' AND r.start_date < $2
            AND (EXISTS (SELECT 1 FROM inspection.team_assignment x WHERE x.round_id = r.id AND x.unit_credit_code = $1)
              OR EXISTS (SELECT 1 FROM inspection.inspection_finding f WHERE f.round_id = r.id AND f.unit_credit_code = $1))`,
        [unit, daysFromToday(5)],
      );
      return n ? 'AVAILABLE' : 'EMPTY';
    };
    expect(states(a)).toEqual({ profile: 'AVAILABLE', petitions: 'AVAILABLE', clues: 'DECLINED', sanctions: 'DECLINED', supervision: 'DECLINED', audit: 'AVAILABLE', history: await history(unitA) });
    expect(states(b)).toEqual({ profile: 'AVAILABLE', petitions: 'AVAILABLE', clues: 'PENDING_REQUEST', sanctions: 'PENDING_REQUEST', supervision: 'PENDING_REQUEST', audit: 'PENDING_REQUEST', history: await history(unitB) });

    const da = a.data.preInspectionDossier;
    const db = b.data.preInspectionDossier;
    expect(da).toMatchObject({ roundId, unitCreditCode: unitA, round: { name: '2026年第三轮巡察（DS-LC-1）' }, team: { name: '第一巡察组' }, unit: { name: expect.any(String) } });
    // The profile is open; the organisation department has not answered about cadres' ranks yet.
    expect(da.profile.unit).toEqual({ name: da.unit.name, leadershipTeam: da.unit.leadershipTeam });
    expect(da.profile.requests).toEqual([{ typeName: 'Cadre', status: 'PENDING', declineReason: null, providerAgencyName: expect.stringContaining('组织部') }]);
    // The requests and grants behind each section.
    expect(da.clues.requests).toEqual([{ typeName: 'ProblemClue', status: 'DECLINED', declineReason: '相关问题线索正在办理，暂不提供', providerAgencyName: expect.stringContaining('纪委监委') }]);
    expect(da.clues.grantIds).toEqual([]);
    const approvedA = findRequest(await requestsAs(hub, tokens['xcb-office'], { roundId }), 'PETITION_BUREAU', unitA).approved;
    expect(approvedA.map((x) => x.typeName)).toEqual(['Petition', 'PublicOpinionItem']);
    expect([...da.petitions.grantIds].sort()).toEqual(approvedA.map((x) => x.grantId).sort());
    // Approved in clear for A, masked for B; nothing of a declined or pending section.
    const truth: { id: string; summary: string; conclusion: string | null }[] = await hub.sources.get('petition')!.query('SELECT id, summary, conclusion FROM petition.petition WHERE unit_credit_code = $1', [unitA]);
    expect(da.petitions.items.totalCount).toBe(truth.length);
    expect(da.petitions.stats.total).toBe(truth.length);
    for (const p of da.petitions.items.nodes) expect(p).toEqual({ ...truth.find((t) => t.id === p.id), maskedFields: [] });
    // B was approved masked, for every requested field (summary and conclusion).
    for (const p of db.petitions.items.nodes) expect({ masked: [...p.maskedFields].sort(), summary: p.summary }).toEqual({ masked: ['conclusion', 'summary'], summary: '[已脱敏]' });
    expect(db.petitions.items.nodes.length).toBeGreaterThan(0);
    for (const s of [da.clues, da.sanctions, da.supervision, db.clues, db.audit]) {
      expect(s.stats ?? null).toBeNull();
      expect(s.items ?? s.groups ?? s.findings ?? null).toBeNull();
    }
    expect(da.audit.findings.totalCount).toBeGreaterThan(0);
    expect(da.audit.findings.nodes.every((f: { description: string | null; rectificationStatus: string }) => f.description && f.rectificationStatus)).toBe(true);
  });

  it('says NOT_SHARED to the office (no grant of its own) and EMPTY where a grant finds nothing; refuses other agencies', async () => {
    const office = await dossier('xcb-office', unitA);
    expect(states(office)).toMatchObject({ petitions: 'NOT_SHARED', clues: 'DECLINED', audit: 'NOT_SHARED' });
    expect(office.data.preInspectionDossier.petitions.requests.map((r: { status: string }) => r.status)).toEqual(['APPROVED', 'APPROVED']);

    // A unit nothing has been filed about: approved, and empty — not the same as clean-by-omission.
    // Rounds name units the organisation department has published, so its profile is there (and only it).
    const blank = creditCode('12', '990103', 977);
    await publishBareUnits(hub, [blank], '990103');
    expect((await as('xcb-office', PUBLISH_ROUNDS, { records: [round('DS-LC-2', [blank])] })).errors).toBeUndefined();
    const second = await roundIdOf(hub, 'DS-LC-2');
    const r = findRequest(await requestsAs(hub, tokens['xcb-office'], { roundId: second }), 'PETITION_BUREAU', blank);
    expect((await as('xfj-officer', APPROVE, { id: r.id })).errors).toBeUndefined();
    const empty = await dossier('xcb-member', blank, second);
    expect(states(empty)).toMatchObject({ profile: 'AVAILABLE', petitions: 'EMPTY', clues: 'PENDING_REQUEST', history: 'EMPTY' });
    expect(empty.data.preInspectionDossier.petitions.items.totalCount).toBe(0);

    expect(codes(await dossier('xfj-officer', unitA))).toEqual(['FORBIDDEN']);
    expect(codes(await dossier('xcb-member', blank))).toEqual(['NOT_FOUND']); // not a unit of that round
    expect(codes(await gql(hub.url, tokens['xcb-member'], DOSSIER, { unit: '123', round: roundId }))).toEqual(['BAD_USER_INPUT']);
  });

  it('prints as a self-contained HTML briefing with the same sections and states, under the same permissions', async () => {
    const url = (unit: string) => `${hub.url.replace(/\/graphql$/, '')}/dossier.html?unit=${unit}&round=${roundId}`;
    const res = await fetch(url(unitA), { headers: { authorization: tokens['xcb-member'] } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    for (const h of ['一、被巡察单位基本情况', '二、信访举报情况', '三、问题线索及处置情况', '四、党纪政务处分情况', '五、派驻纪检监察组日常监督情况', '六、审计发现问题及整改情况', '七、历次巡察发现问题及整改情况']) {
      expect(html).toContain(h);
    }
    expect(html).toContain('协查请求被拒绝');
    expect(html).toContain('相关问题线索正在办理，暂不提供');
    const [p] = await hub.sources.get('petition')!.query('SELECT summary FROM petition.petition WHERE unit_credit_code = $1 LIMIT 1', [unitA]);
    expect(html).toContain(p.summary);
    // Nothing loaded from elsewhere: no scripts, links or remote URLs.
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//i);
    // The disclosure is audited like any query.
    const audit = await hub.sources.get('access')!.query(`SELECT count(*)::int AS n FROM access.disclosure_audit WHERE operation_name = 'Briefing'`);
    expect(audit[0].n).toBeGreaterThan(0);

    expect((await fetch(url(unitA))).status).toBe(401);
    expect((await fetch(url(unitA), { headers: { authorization: tokens['xfj-officer'] } })).status).toBe(403);
    expect((await fetch(url('x'), { headers: { authorization: tokens['xcb-member'] } })).status).toBe(400);
  });

  describe('with subgraphs as separate services', () => {
    let served: Map<string, ServedSubgraph>;
    let remote: Hub;
    beforeAll(async () => {
      served = new Map();
      for (const name of ['petition', 'discipline', 'audit']) served.set(name, await serveSubgraph(hub.subgraphs.get(name)!, 0));
      remote = await startHub({ port: 0, databaseUrl: hub.db.url, seed: false, remoteSubgraphs: Object.fromEntries([...served].map(([n, s]) => [n, s.url])) });
    });
    afterAll(async () => {
      await remote?.stop();
      for (const s of served?.values() ?? []) await s.close();
    });

    it('still returns the dossier when one service is down, its sections marked SOURCE_UNAVAILABLE', async () => {
      const before = await dossier('xcb-member', unitA, roundId, remote.url);
      const inProcess = await dossier('xcb-member', unitA);
      expect(before.data).toEqual(inProcess.data);

      await served.get('petition')!.close();
      const after = await dossier('xcb-member', unitA, roundId, remote.url);
      const d = after.data.preInspectionDossier;
      expect(d.petitions).toEqual({ availability: 'SOURCE_UNAVAILABLE', source: 'petition', types: null, grantIds: null, requests: null, stats: null, items: null });
      // Everything else is as it was.
      expect({ ...d, petitions: null }).toEqual({ ...inProcess.data.preInspectionDossier, petitions: null });
      expect(after.errors?.map((e) => [e.extensions?.code, e.extensions?.source])).toContainEqual(['SERVICE_UNAVAILABLE', 'petition']);
    });
  });
});
