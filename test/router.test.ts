import { randomUUID } from 'node:crypto';
import { auditWriterFor } from '../src/authz/audit-writer';
import { serveSubgraph, type ServedSubgraph } from '../src/subgraphs/http';
import { SUBGRAPH_NAMES } from '../src/config';
import { agencyId, gql, grant, startTestHub, type GqlResult, type TestHub } from './support/hub';
import { startHiveGateway, type RunningRouter } from './support/hive';
import { badTokens } from './support/tokens';

/**
 * Issue 10: a standard Federation router in front of the subgraphs — Hive Gateway with
 * only `router/gateway.config.ts` — gives the same answers as the hub's own gateway and
 * leaves the same disclosure audit entries, because the subgraphs authenticate, enforce
 * and audit by themselves. A revocation holds on the very next request through either;
 * a forged, expired or absent credential gets nothing from any subgraph.
 */

const PRINCIPALS = ['xcb-office', 'xcb-leader', 'xcb-member-recused', 'xfj-officer', 'admin'];

interface Entry {
  chain: string;
  type_name: string;
  effect: string;
  grant_id: string | null;
  principal_id: string;
  record_ids: string[];
  fields: string[];
  unit_credit_codes: string[];
}

/** What a set of audit entries disclosed, independent of how a router split the request into subgraph fetches. */
function disclosed(entries: Entry[]): Record<string, { principal: string; records: string[]; fields: string[]; units: string[] }> {
  const out: Record<string, { principal: string; records: Set<string>; fields: Set<string>; units: Set<string> }> = {};
  for (const e of entries) {
    const g = (out[`${e.chain}|${e.type_name}|${e.effect}|${e.grant_id ?? ''}`] ??= { principal: e.principal_id, records: new Set(), fields: new Set(), units: new Set() });
    e.record_ids.forEach((r) => g.records.add(r));
    e.fields.forEach((f) => g.fields.add(f));
    e.unit_credit_codes.forEach((u) => g.units.add(u.trim()));
  }
  return Object.fromEntries(Object.entries(out).map(([k, g]) => [k, { principal: g.principal, records: [...g.records].sort(), fields: [...g.fields].sort(), units: [...g.units].sort() }]));
}

/** The answer as a client sees it: the data, and each error by code and path (routers word messages differently). */
const answer = (r: GqlResult) => ({
  data: r.data ?? null,
  errors: (r.errors ?? []).map((e) => `${e.extensions?.code ?? '?'}@${(e.path ?? []).join('.')}`).sort(),
});

describe('a standard router in front of the subgraphs (issue 10)', () => {
  let hub: TestHub;
  let served: Map<string, ServedSubgraph>;
  let hive: RunningRouter;
  let teamUnit: string;
  let tiedUnit: string;
  let outsideUnit: string;
  let cadreId: string;
  let roundId: string;
  let dossierUnit: string;
  const sql = (source: string, text: string, params: unknown[] = []) => hub.sources.get(source)!.query(text, params);
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startTestHub();
    served = new Map();
    for (const name of SUBGRAPH_NAMES) served.set(name, await serveSubgraph(hub.subgraphs.get(name)!, 0));
    hive = await startHiveGateway(Object.fromEntries([...served].map(([n, s]) => [n, s.url])));
    for (const login of [...PRINCIPALS, 'gaj-officer']) tokens[login] = await hub.token(login);
    const [{ unit_credit_codes }] = await sql('access', `SELECT unit_credit_codes FROM access.team_membership LIMIT 1`);
    const team = Array.isArray(unit_credit_codes) ? unit_credit_codes : String(unit_credit_codes).replace(/[{}]/g, '').split(',');
    [{ code: tiedUnit }] = await sql('access', `SELECT trim(t.code) AS code FROM access.principal_tie t JOIN access.principal p ON p.id = t.principal_id WHERE p.login = 'xcb-member-recused' AND t.kind <> 'HOME_REGION'`);
    teamUnit = team.find((u: string) => u !== tiedUnit);
    [{ u: outsideUnit }] = await sql('petition', `SELECT trim(unit_credit_code) AS u FROM petition.petition WHERE NOT (unit_credit_code = ANY($1)) GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [team]);
    [{ id: cadreId }] = await sql('petition', `SELECT cadre_id AS id FROM petition.petition WHERE cadre_id IS NOT NULL AND unit_credit_code = ANY($1) ORDER BY unit_credit_code = $2 DESC LIMIT 1`, [team, teamUnit]);
    [{ round_id: roundId, unit: dossierUnit }] = await sql('inspection', `SELECT a.round_id, trim(a.unit_credit_code) AS unit FROM inspection.team_assignment a JOIN inspection.inspection_round r ON r.id = a.round_id WHERE r.status = 'PLANNED' ORDER BY r.start_date, a.position LIMIT 1`);
  }, 180_000);
  afterAll(async () => {
    await hive?.stop();
    for (const s of served?.values() ?? []) await s.close(0);
    await hub?.stop();
  });

  const queries = (): [string, string, Record<string, unknown>][] => [
    ['who am I', '{ me { login roles agency { name } } }', {}],
    ['units with petition figures', '{ units(first: 5, kind: TOWNSHIP, regionCode: "990102") { totalCount nodes { creditCode name petitionStats { total anonymousShare } } } }', {}],
    ['a team unit’s petitions, cross-subgraph', 'query($c: String!) { unitByCreditCode(creditCode: $c) { name petitions(first: 10) { totalCount nodes { id summary conclusion reporterName subjectCadre { id name } } } } }', { c: teamUnit }],
    ['the tied unit (recusal)', 'query($c: String!) { unitByCreditCode(creditCode: $c) { name petitions(first: 10) { totalCount nodes { id summary } } auditStats { findings totalAmount } stationedGroups { name notes } } }', { c: tiedUnit }],
    ['a unit outside the team', 'query($c: String!) { unitByCreditCode(creditCode: $c) { petitions(first: 10) { totalCount nodes { id summary } } clues(first: 10) { totalCount nodes { id summary details } } } }', { c: outsideUnit }],
    ['clues and sanctions of a team unit', 'query($c: String!) { unitByCreditCode(creditCode: $c) { clues(first: 10) { nodes { id summary disposalMethod subjectCadre { id } } } sanctions(first: 10) { nodes { id reason cadre { name } } } } }', { c: teamUnit }],
    ['audit findings (masked amounts)', 'query($c: String!) { unitByCreditCode(creditCode: $c) { auditFindings(first: 10) { nodes { id description amount maskedFields } } auditProjects(first: 5) { nodes { id title auditedCadre { id } } } } }', { c: outsideUnit }],
    ['a cadre across four subgraphs', 'query($id: UUID!) { cadre(id: $id) { name rank residentId unit { name } petitions(first: 5) { totalCount } sanctions { id } auditProjects { id } } }', { id: cadreId }],
    ['stationed groups', '{ stationedGroups { name notes supervisedUnits { name } } }', {}],
    ['the talent pool', '{ inspectors(first: 5) { nodes { name residentId homeRegionCode currentEmployerCreditCode } } }', {}],
    ['rounds, teams and recusal flags', '{ rounds(first: 3) { nodes { name teams { name units { name } recusalFlags { unitCreditCode reasons } } } } }', {}],
    ['a pre-inspection dossier', 'query($u: String!, $r: UUID!) { preInspectionDossier(unitCreditCode: $u, roundId: $r) { unitCreditCode profile { availability } petitions { availability requests { status } stats { total } } clues { availability } sanctions { availability } supervision { availability } audit { availability } history { availability } } }', { u: dossierUnit, r: roundId }],
    ['data requests', 'query($r: UUID) { dataRequests(roundId: $r, first: 20) { totalCount nodes { id status providerAgencyName unitCreditCode } } }', { r: roundId }],
    ['grants (admins and officers only)', '{ grants { id typeName effect } }', {}],
    ['the catalog', '{ catalog(typeName: "Petition") { fieldName sensitivity defaultMask } }', {}],
    ['inspection statistics', '{ inspectionStatistics { clues transferred closed filed findings rectifiedFindings } }', {}],
    ['petitions, root list', '{ petitions(first: 20) { totalCount nodes { id category summary } } }', {}],
  ];

  it('gives the same answers as the hub’s gateway and leaves the same disclosure audit entries, query by query and principal by principal', async () => {
    const runs: { label: string; login: string; viaHub: string; viaHive: string }[] = [];
    const differences: string[] = [];
    for (const login of PRINCIPALS) {
      for (const [label, query, variables] of queries()) {
        const id = randomUUID().slice(0, 8);
        const run = { label, login, viaHub: `rt-hub-${id}`, viaHive: `rt-hive-${id}` };
        runs.push(run);
        const call = (url: string, requestId: string) =>
          fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: tokens[login], 'x-request-id': requestId }, body: JSON.stringify({ query, variables }) }).then(
            async (r) => ({ status: r.status, ...((await r.json()) as object) }) as GqlResult,
          );
        const a = await call(hub.url, run.viaHub);
        const b = await call(hive.url, run.viaHive);
        if (JSON.stringify(answer(a)) !== JSON.stringify(answer(b))) differences.push(`${login} / ${label}:\n  hub:  ${JSON.stringify(answer(a)).slice(0, 600)}\n  hive: ${JSON.stringify(answer(b)).slice(0, 600)}`);
      }
    }
    expect(differences).toEqual([]);

    await auditWriterFor(hub.sources.get('access')!).flush();
    const entries: (Entry & { request_id: string })[] = await sql('access', 'SELECT * FROM access.disclosure_audit WHERE request_id LIKE $1', ['rt-%']);
    const byRequest = (id: string) => disclosed(entries.filter((e) => e.request_id === id));
    const audited = runs.filter((r) => Object.keys(byRequest(r.viaHub)).length > 0);
    // The queries disclose CONDITIONAL or RESTRICTED data for most principals, so the comparison is not of empty sets.
    expect(audited.length).toBeGreaterThanOrEqual(20);
    for (const r of runs) expect({ run: `${r.login} / ${r.label}`, audit: byRequest(r.viaHive) }).toEqual({ run: `${r.login} / ${r.label}`, audit: byRequest(r.viaHub) });
  }, 300_000);

  it('a revoked grant is refused on the very next request, through either', async () => {
    const reader = 'gaj-officer';
    const q = 'query($c: String!) { unitByCreditCode(creditCode: $c) { petitions(first: 5) { totalCount nodes { summary } } } }';
    const read = async (url: string) => (await gql(url, tokens[reader], q, { c: outsideUnit })).data.unitByCreditCode.petitions;
    expect((await read(hub.url)).totalCount).toBe(0);
    const id = await grant(hub, { subjectKind: 'AGENCY', subjectValue: await agencyId(hub, 'gaj'), typeName: 'Petition', fields: ['summary'], effect: 'ALLOW', scopeKind: 'LISTED_UNITS', unitCreditCodes: [outsideUnit], purpose: '路由测试：撤销后立即失效' });
    for (const url of [hub.url, hive.url]) expect((await read(url)).totalCount).toBeGreaterThan(0);
    const revoked = await gql(hive.url, tokens.admin, 'mutation($id: UUID!) { revokeGrant(id: $id) { revokedAt } }', { id });
    expect(revoked.data.revokeGrant.revokedAt).toBeTruthy();
    for (const url of [hive.url, hub.url]) expect(await read(url)).toEqual({ totalCount: 0, nodes: [] });
  });

  it('a forged, expired or absent credential gets nothing, from any subgraph directly or through the router', async () => {
    const bad = await badTokens(hub.config, await hub.principalId('admin'));
    const probes = ['{ _service { sdl } }', '{ __typename }'];
    for (const [name, s] of served) {
      for (const authorization of [undefined, ...Object.values(bad).map((t) => `Bearer ${t}`), 'x-hub-identity-forged']) {
        for (const query of probes) {
          const res = await gql(s.url, authorization, query);
          expect({ name, authorization: authorization?.slice(0, 20), status: res.status, data: res.data }).toEqual({ name, authorization: authorization?.slice(0, 20), status: 401, data: undefined });
        }
      }
    }
    for (const token of Object.values(bad)) {
      const res = await gql(hive.url, `Bearer ${token}`, '{ petitions(first: 5) { nodes { summary reporterName } } me { login } }');
      expect(res.data?.petitions ?? null).toBeNull();
      expect(res.data?.me ?? null).toBeNull();
      expect((res.errors ?? []).every((e) => e.extensions?.code === 'UNAUTHENTICATED')).toBe(true);
    }
  });

  it('the dossier marks the sections of a source that is down SOURCE_UNAVAILABLE behind the router too', async () => {
    const q = 'query($u: String!, $r: UUID!) { preInspectionDossier(unitCreditCode: $u, roundId: $r) { unitCreditCode petitions { availability source stats { total } } clues { availability } audit { availability } } }';
    const before = await gql(hive.url, tokens['xcb-office'], q, { u: dossierUnit, r: roundId });
    expect(before.data.preInspectionDossier.petitions.availability).not.toBe('SOURCE_UNAVAILABLE');
    await served.get('petition')!.close(0);
    try {
      const res = await gql(hive.url, tokens['xcb-office'], q, { u: dossierUnit, r: roundId });
      expect(res.data.preInspectionDossier.petitions).toEqual({ availability: 'SOURCE_UNAVAILABLE', source: 'petition', stats: null });
      expect(res.data.preInspectionDossier.clues).toEqual(before.data.preInspectionDossier.clues);
      expect(res.data.preInspectionDossier.audit).toEqual(before.data.preInspectionDossier.audit);
      expect(res.errors!.map((e) => [e.extensions?.code, e.extensions?.source])).toEqual([['SERVICE_UNAVAILABLE', 'petition']]);
      expect(JSON.stringify(res)).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}\//);
    } finally {
      served.set('petition', await serveSubgraph(hub.subgraphs.get('petition')!, Number(new URL(served.get('petition')!.url).port)));
    }
  });
});
