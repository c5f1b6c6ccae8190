import { residentIdCheckChar } from '../common/codes';
import { mintToken } from '../gateway/tokens';
import type { Hub } from '../hub';

/**
 * The "before" phase at scale: one unit given ~1,000 records across agencies
 * (published through the API, idempotently, so reruns add nothing), every provider
 * with standing approvals, then rounds published for it (`repeats` times). Returns how
 * long each round took from publishing to every request answered, and the dossier query
 * for the bench to time.
 */
const PER_KIND = { petitions: 400, opinions: 100, clues: 250, sanctions: 100, projects: 30, findingsPerProject: 4 };
const DAY = 86_400_000;
const day = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);
const rid = (serial: number) => {
  const first17 = `99010219700101${String(serial).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
};

export interface DossierBench {
  token: string;
  query: string;
  variables: Record<string, unknown>;
  records: number;
  /** Each publication's time, from publishing the round to every request answered. */
  answeredMs: number[];
  requests: number;
}

async function call(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: any; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`${query.slice(0, 60)}…: ${body.errors[0].message}`);
  return body.data;
}

async function publish(url: string, token: string, mutation: string, input: string, records: unknown[], batchKey: string): Promise<void> {
  for (let i = 0; i < records.length; i += 500) {
    await call(url, token, `mutation($r: [${input}!]!, $k: String) { ${mutation}(records: $r, batchKey: $k) { received } }`, { r: records.slice(i, i + 500), k: `${batchKey}-${i}` });
  }
}

export async function prepareDossierBench(hub: Hub, repeats = 1): Promise<DossierBench> {
  const access = hub.sources.get('access')!;
  const tokenOf = async (login: string) => `Bearer ${await mintToken(hub.config, (await access.query('SELECT id FROM access.principal WHERE login = $1', [login]))[0].id)}`;
  const [xfj, jw, sj, xcb, member, office] = await Promise.all(['xfj-system', 'jw-system', 'sj-system', 'xcb-system', 'xcb-member', 'xcb-office'].map(tokenOf));
  const [{ credit_code: unit }] = await hub.sources.get('organization')!.query(`SELECT credit_code FROM organization.inspected_unit WHERE kind = 'TOWNSHIP' AND region_code LIKE '990103%' ORDER BY credit_code LIMIT 1`);
  const [{ id: cadre }] = await hub.sources.get('organization')!.query('SELECT c.id FROM organization.cadre c JOIN organization.inspected_unit u ON u.id = c.unit_id WHERE u.credit_code = $1 LIMIT 1', [unit]);
  const range = (n: number) => [...Array(n).keys()];

  await publish(hub.url, xfj, 'publishPetitions', 'PetitionInput', range(PER_KIND.petitions).map((i) => ({
    externalId: `BENCH-P-${i}`, channel: 'LETTER', receivedDate: day(-1 - (i % 900)), anonymous: i % 3 === 0, unitCreditCode: unit, category: 'OTHER',
    ...(i % 3 === 0 ? {} : { reporterName: '林某某', reporterPhone: '13800138000', reporterIdNumber: rid(100 + (i % 800)) }),
    summary: `基准测试信访摘要${i}`, content: `基准测试信访内容${i}`, status: 'RECEIVED',
  })), 'bench-p');
  await publish(hub.url, xfj, 'publishPublicOpinions', 'PublicOpinionInput', range(PER_KIND.opinions).map((i) => ({
    externalId: `BENCH-O-${i}`, unitCreditCode: unit, source: '基准测试网', publishedDate: day(-1 - i), title: `基准测试舆情${i}`, summary: `基准测试舆情摘要${i}`, sentiment: 'NEUTRAL',
  })), 'bench-o');
  await publish(hub.url, jw, 'publishClues', 'ClueInput', range(PER_KIND.clues).map((i) => ({
    externalId: `BENCH-X-${i}`, source: 'PETITION', subjectUnitCreditCode: unit, subjectCadreId: cadre, summary: `基准测试线索${i}`, details: `基准测试线索详情${i}`,
    receivedDate: day(-1 - i), disposalMethod: null, status: 'RECEIVED',
  })), 'bench-x');
  await publish(hub.url, jw, 'publishSanctions', 'SanctionInput', range(PER_KIND.sanctions).map((i) => ({
    externalId: `BENCH-S-${i}`, cadreId: cadre, unitCreditCode: unit, kind: 'PARTY', level: 'WARNING', decidedDate: day(-1 - i), reason: `基准测试处分事由${i}`,
  })), 'bench-s');
  await publish(hub.url, sj, 'publishAuditProjects', 'AuditProjectInput', range(PER_KIND.projects).map((i) => ({
    externalId: `BENCH-A-${i}`, title: `基准测试审计项目${i}`, kind: 'SPECIAL_FUND', periodStart: '2023-01-01', periodEnd: '2023-12-31', reportDate: day(-1 - i),
    auditedUnitCreditCode: unit, auditedCadreId: null,
    findings: range(PER_KIND.findingsPerProject).map((j) => ({ category: 'FUND_MISUSE', description: `基准测试审计问题${i}-${j}`, amount: `${1000 + i * 10 + j}.50`, severity: 'LOW', rectificationStatus: 'IN_PROGRESS' })),
  })), 'bench-a');

  // Standing approvals by every provider, for every catalogue item naming a type.
  const catalogue: { id: string; typeName: string | null; providerAgencyKind: string }[] = (await call(hub.url, office, '{ collaborationCatalogue { id typeName providerAgencyKind } }')).collaborationCatalogue;
  const officers: Record<string, string> = { PETITION_BUREAU: 'xfj-officer', DISCIPLINE_COMMISSION: 'jw-officer', AUDIT_BUREAU: 'sj-officer', ORGANIZATION_DEPARTMENT: 'zzb-officer' };
  const existing = new Set((await access.query('SELECT entry_id FROM access.standing_approval WHERE revoked_at IS NULL')).map((r: { entry_id: string }) => r.entry_id));
  for (const e of catalogue.filter((x) => x.typeName && !existing.has(x.id))) {
    await call(hub.url, await tokenOf(officers[e.providerAgencyKind]), 'mutation($e: UUID!) { createStandingApproval(entryId: $e) { id } }', { e: e.id });
  }

  const [{ id: memberId }] = await access.query(`SELECT id FROM access.principal WHERE login = 'xcb-member'`);
  await call(hub.url, xcb, 'mutation($r: [InspectorInput!]!) { publishInspectors(records: $r) { received } }', {
    r: [{ externalId: 'BENCH-RY-1', name: '基准测试组员', homeRegionCode: '990106', residentId: rid(1), principalId: memberId }],
  });
  // A new round each time: what is timed is the fan-out and the standing answers.
  const publishRound = async (): Promise<{ ms: number; roundId: string; requests: number }> => {
    const externalId = `BENCH-LC-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    const started = performance.now();
    await call(hub.url, office, 'mutation($r: [InspectionRoundInput!]!) { publishRounds(records: $r) { received } }', {
      r: [{ externalId, name: '基准测试巡察轮次', kind: 'REGULAR', mode: 'CROSS', startDate: day(10), endDate: day(60), status: 'PLANNED', teams: [{ name: '基准测试组', leaderExternalId: 'BENCH-RY-1', memberExternalIds: [], unitCreditCodes: [unit] }] }],
    });
    const ms = performance.now() - started;
    const [{ id: roundId }] = await hub.sources.get('inspection')!.query('SELECT id FROM inspection.inspection_round WHERE external_id = $1', [externalId]);
    const states: { status: string }[] = await access.query('SELECT status FROM access.data_request WHERE round_id = $1', [roundId]);
    if (!states.length || states.some((s) => s.status !== 'APPROVED')) throw new Error(`requests not all answered: ${JSON.stringify(states)}`);
    return { ms, roundId, requests: states.length };
  };
  const answeredMs: number[] = [];
  let last!: Awaited<ReturnType<typeof publishRound>>;
  for (let i = 0; i < repeats; i++) {
    last = await publishRound();
    answeredMs.push(last.ms);
  }
  const roundId = last.roundId;
  const [{ n }] = await access.query(
    `SELECT (SELECT count(*) FROM petition.petition WHERE unit_credit_code = $1) + (SELECT count(*) FROM petition.public_opinion_item WHERE unit_credit_code = $1)
          + (SELECT count(*) FROM discipline.problem_clue WHERE unit_credit_code = $1) + (SELECT count(*) FROM discipline.sanction WHERE unit_credit_code = $1)
          + (SELECT count(*) FROM audit.audit_project WHERE unit_credit_code = $1) + (SELECT count(*) FROM audit.audit_finding WHERE unit_credit_code = $1) AS n`,
    [unit],
  );
  const S = 'availability grantIds';
  return {
    token: member,
    records: Number(n),
    answeredMs,
    requests: last.requests,
    variables: { unit, round: roundId },
    query: `query($unit: String!, $round: UUID!) { preInspectionDossier(unitCreditCode: $unit, roundId: $round) {
      profile { ${S} unit { name actualHeadcount leadershipTeam { name post } } }
      petitions { ${S} stats { total anonymousShare byYear { year count } byCategory { category count } } items(first: 100) { totalCount nodes { id receivedDate summary conclusion } } publicOpinions(first: 100) { totalCount nodes { id title } } }
      clues { ${S} stats { total } items(first: 100) { totalCount nodes { id summary disposalMethod status } } }
      sanctions { ${S} items(first: 100) { totalCount nodes { id kind reason } } }
      supervision { ${S} groups { name notes } }
      audit { ${S} stats { findings rectified } projects(first: 50) { totalCount nodes { id title } } findings(first: 100) { totalCount nodes { id description amount rectificationStatus } } }
      history { ${S} inspections { round { name } rectificationRate } }
    } }`,
  };
}
