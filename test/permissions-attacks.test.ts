import { startHub, type Hub } from '../src/hub';
import { serveSubgraph, type ServedSubgraph } from '../src/subgraphs/http';
import { codes, gql, grant, startTestHub, type GqlResult, type TestHub } from './support/hub';

/**
 * Issue 3, "What it must show" 2: attacks that must all leak nothing. "Nothing"
 * is checked on the raw response: none of the protected values (read from the
 * database here) may appear anywhere in it, errors and extensions included.
 */

interface PetitionRow {
  id: string;
  unit: string;
  reporter_name: string;
  reporter_phone: string;
  reporter_id_number: string;
  content: string;
  conclusion: string | null;
  summary: string;
}

const pgArray = (v: unknown): string[] => (Array.isArray(v) ? v : String(v).replace(/^\{|\}$/g, '').split(',').filter(Boolean));
const leaked = (res: unknown, secrets: (string | null | undefined)[]) => secrets.filter((s): s is string => !!s && JSON.stringify(res).includes(s));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const restricted = (p: PetitionRow) => [p.reporter_name, p.reporter_phone, p.reporter_id_number, p.content];

describe('attacks on the permission model leak nothing (issue 3, item 2)', () => {
  let hub: TestHub;
  let team: string[];
  let tied: string;
  const sql = (source: string, text: string, params: unknown[] = []) => hub.sources.get(source)!.query(text, params);
  const petitionsWhere = async (where: string, params: unknown[] = []): Promise<PetitionRow[]> =>
    sql(
      'petition',
      `SELECT id, trim(unit_credit_code) AS unit, reporter_name, reporter_phone, reporter_id_number, content, conclusion, summary
         FROM petition.petition WHERE ${where} ORDER BY received_date DESC, id DESC`,
      params,
    );
  const as = async (login: string, query: string, variables?: Record<string, unknown>) => gql(hub.url, await hub.token(login), query, variables);

  beforeAll(async () => {
    hub = await startTestHub();
    const [{ unit_credit_codes }] = await sql('access', 'SELECT unit_credit_codes FROM access.team_membership LIMIT 1');
    team = pgArray(unit_credit_codes);
    [{ code: tied }] = await sql('access', `SELECT t.code FROM access.principal_tie t JOIN access.principal p ON p.id = t.principal_id WHERE p.login = 'xcb-member-recused' AND t.kind <> 'HOME_REGION'`);
  }, 60_000);
  afterAll(() => hub?.stop());

  describe('aliases, fragments and inline fragments of denied fields', () => {
    let p: PetitionRow;
    beforeAll(async () => {
      // Outside the team's units: the inspection office sees the row (ALL_UNITS MASK grant on summary) but not its other fields.
      [p] = await petitionsWhere(`NOT anonymous AND status = 'CONCLUDED' AND NOT (unit_credit_code = ANY($1))`, [team]);
      expect(p).toBeDefined();
    });

    it('every alias of a denied field is null with its own FORBIDDEN error; a masked field stays masked under every alias', async () => {
      const res = await as('xcb-office', `query($id: UUID!) { petition(id: $id) { id a: reporterName b: reporterName c: reporterPhone d: content e: conclusion reporterName s1: summary s2: summary } }`, { id: p.id });
      expect(res.data.petition).toEqual({ id: p.id, a: null, b: null, c: null, d: null, e: null, reporterName: null, s1: '[已脱敏]', s2: '[已脱敏]' });
      const denied = (res.errors ?? []).map((e) => `${e.extensions?.code}:${e.path?.join('.')}`).sort();
      expect(denied).toEqual(['a', 'b', 'c', 'd', 'e', 'reporterName'].map((k) => `FORBIDDEN:petition.${k}`).sort());
      expect(leaked(res, [...restricted(p), p.conclusion, p.summary])).toEqual([]);
    });

    it('named fragments, nested fragments, inline fragments and @include reach nothing more', async () => {
      const res = await as(
        'xcb-office',
        `query($id: UUID!, $yes: Boolean!) {
          petition(id: $id) { id ...A ... on Petition { x: reporterIdNumber ... on Petition { y: content } } ...B @include(if: $yes) }
        }
        fragment A on Petition { reporterName ...B }
        fragment B on Petition { reporterPhone conclusion summary }`,
        { id: p.id, yes: true },
      );
      const list = await as(
        'xcb-office',
        `query($c: String!) { unitByCreditCode(creditCode: $c) { ...U } }
        fragment U on InspectedUnit { petitions(first: 100) { nodes { id ... on Petition { reporterName ...A } } } }
        fragment A on Petition { reporterPhone conclusion summary }`,
        { c: p.unit },
      );
      expect(list.errors?.filter((e) => e.extensions?.code !== 'FORBIDDEN')).toEqual([]);
      expect(res.errors?.filter((e) => e.extensions?.code !== 'FORBIDDEN')).toEqual([]);
      expect(res.data.petition).toEqual({ id: p.id, reporterName: null, reporterPhone: null, conclusion: null, summary: '[已脱敏]', x: null, y: null });
      expect(new Set(codes(res))).toEqual(new Set(['FORBIDDEN']));
      const all = await petitionsWhere('unit_credit_code = $1', [p.unit]);
      expect(list.data.unitByCreditCode.petitions.nodes.map((n: { id: string }) => n.id)).toEqual(all.map((r) => r.id));
      for (const n of list.data.unitByCreditCode.petitions.nodes) expect(n).toMatchObject({ reporterName: null, reporterPhone: null, conclusion: null, summary: '[已脱敏]' });
      expect(leaked([res, list], all.flatMap((r) => [...restricted(r), r.conclusion, r.summary]))).toEqual([]);
    });

    it('a caller without any grant on the type does not see the row at all, whatever it selects', async () => {
      const res = await as('gaj-officer', `query($id: UUID!) { petition(id: $id) { id ...on Petition { reporterName summary } } }`, { id: p.id });
      expect(res.data?.petition ?? null).toBeNull();
      expect(leaked(res, [...restricted(p), p.summary, p.conclusion])).toEqual([]);
    });
  });

  describe('references to rows outside the caller’s scope', () => {
    it('a finding the caller may see, whose project it may not, neither discloses the project nor fails the unit', async () => {
      // The inspection office sees audit findings (demo MASK grant on AuditFinding.amount, all units) but no audit project.
      const [{ u }] = await sql('audit', `SELECT trim(unit_credit_code) AS u FROM audit.audit_finding GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
      const projects: { id: string; title: string }[] = await sql('audit', `SELECT id, title FROM audit.audit_project WHERE unit_credit_code = $1`, [u]);
      const res = await as('xcb-office', `query($c: String!) { unitByCreditCode(creditCode: $c) { name auditFindings(first: 5) { totalCount nodes { id amount project { id title } } } } }`, { c: u });
      expect(codes(res).filter((c) => c !== 'FORBIDDEN')).toEqual([]);
      expect(res.data.unitByCreditCode?.name).toEqual(expect.any(String));
      expect(res.data.unitByCreditCode.auditFindings.totalCount).toBeGreaterThan(0);
      expect(leaked(res, projects.flatMap((p) => [p.id, p.title]))).toEqual([]);
    });
  });

  describe('_entities with forged representations', () => {
    let served: ServedSubgraph;
    let unitTeam: string; // a team unit the recused member is not tied to
    beforeAll(async () => {
      served = await serveSubgraph(hub.subgraphs.get('petition')!, 0);
      [{ unit: unitTeam }] = await sql('petition', `SELECT trim(unit_credit_code) AS unit FROM petition.petition WHERE unit_credit_code = ANY($1) AND unit_credit_code <> $2 AND NOT anonymous GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [team, tied]);
    });
    afterAll(() => served?.close());

    /** The caller's own valid credential, sent straight to the subgraph (past any router). */
    const direct = async (login: string, query: string, variables: Record<string, unknown>) => {
      const res = await fetch(served.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: await hub.token(login) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as Omit<GqlResult, 'status'>) };
    };
    const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on InspectedUnit { creditCode petitions(first: 100) { totalCount nodes { id reporterName summary } } petitionStats { total byCategory { count } byYear { count } } } } }`;

    it('the gateway does not expose _entities or _service at all', async () => {
      const [p] = await petitionsWhere('NOT anonymous AND unit_credit_code = $1', [unitTeam]);
      for (const query of [
        `{ _entities(representations: [{ __typename: "InspectedUnit", creditCode: "${unitTeam}" }]) { ... on InspectedUnit { petitions { nodes { reporterName summary } } } } }`,
        ENTITIES,
        '{ _service { sdl } }',
      ]) {
        const res = await gql(hub.url, await hub.token('xcb-member'), query, { r: [{ __typename: 'InspectedUnit', creditCode: unitTeam }] });
        expect(res.data ?? null).toBeNull();
        expect(codes(res).length).toBeGreaterThan(0);
        expect(codes(res).every((c) => c === 'GRAPHQL_VALIDATION_FAILED')).toBe(true);
        expect(leaked(res, [...restricted(p), p.summary])).toEqual([]);
      }
    });

    it('directly at the subgraph, a forged unit reference of a recused or grant-less caller finds no row, count or figure', async () => {
      for (const [login, unit] of [
        ['xcb-member-recused', tied],
        ['gaj-officer', unitTeam],
      ]) {
        const rows = await petitionsWhere('unit_credit_code = $1', [unit]);
        expect(rows.length).toBeGreaterThan(0);
        const res = await direct(login, ENTITIES, { r: [{ __typename: 'InspectedUnit', creditCode: unit }] });
        expect(res.status).toBe(200);
        expect(res.errors).toBeUndefined();
        expect(res.data._entities).toEqual([{ creditCode: unit, petitions: { totalCount: 0, nodes: [] }, petitionStats: { total: 0, byCategory: [], byYear: [] } }]);
        expect(leaked(res, rows.flatMap((r) => [...restricted(r), r.summary, r.conclusion]))).toEqual([]);
      }
    });

    it('directly at the subgraph, a team member sees its team unit under its grant and still no RESTRICTED field', async () => {
      const rows = await petitionsWhere('unit_credit_code = $1', [unitTeam]);
      const res = await direct('xcb-member', ENTITIES, { r: [{ __typename: 'InspectedUnit', creditCode: unitTeam }] });
      const page = res.data._entities[0].petitions;
      expect(page.totalCount).toBe(rows.length);
      expect(page.nodes).toEqual(rows.map((r) => ({ id: r.id, reporterName: null, summary: r.summary })));
      expect(res.errors!.map((e) => `${e.extensions?.code}:${e.path?.join('.')}:${e.extensions?.count}`)).toEqual([`FORBIDDEN:_entities.0.petitions.nodes.0.reporterName:${rows.length}`]);
      expect(leaked(res, rows.flatMap(restricted))).toEqual([]);
    });

    it('directly at the subgraph, a forged cadre reference does not open the petitions naming the cadre', async () => {
      const [row] = await sql('petition', `SELECT cadre_id FROM petition.petition WHERE cadre_id IS NOT NULL AND NOT anonymous GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
      const rows = await petitionsWhere('cadre_id = $1', [row.cadre_id]);
      const res = await direct('xcb-office', `query($r: [_Any!]!) { _entities(representations: $r) { ... on Cadre { id petitions(first: 50) { totalCount nodes { reporterName summary } } } } }`, {
        r: [{ __typename: 'Cadre', id: row.cadre_id }],
      });
      expect(res.data._entities).toEqual([{ id: row.cadre_id, petitions: null }]);
      expect(codes(res as GqlResult)).toEqual(['FORBIDDEN']);
      expect(leaked(res, rows.flatMap((r) => [...restricted(r), r.summary]))).toEqual([]);
    });
  });

  describe('a filter on a RESTRICTED field (reporterName) is refused, never answered with a smaller list (feature (b))', () => {
    let p: PetitionRow;
    beforeAll(async () => {
      // In a team unit: even the team, whose grant allows every CONDITIONAL field there, may not filter by the reporter.
      [p] = await petitionsWhere('NOT anonymous AND unit_credit_code = ANY($1) AND unit_credit_code <> $2', [team, tied]);
    });
    const UNIT = `query($c: String!, $n: String) { unitByCreditCode(creditCode: $c) { creditCode petitions(first: 50, reporterName: $n) { totalCount nodes { id } } } }`;
    const ROOT = `query($c: String, $n: String) { petitions(first: 50, unitCreditCode: $c, reporterName: $n) { totalCount nodes { id } } }`;

    it.each(['xcb-office', 'xcb-leader', 'xcb-member', 'admin', 'gaj-officer', 'jw-officer'])(
      '%s: FORBIDDEN for a name that exists and for one that does not, with identical answers',
      async (login) => {
        const answers = [];
        for (const name of [p.reporter_name, '不存在的信访人']) {
          for (const q of [UNIT, ROOT]) {
            const res = await as(login, q, { c: p.unit, n: name });
            expect(codes(res)).toEqual(['FORBIDDEN']);
            expect(res.data?.unitByCreditCode?.petitions ?? null).toBeNull();
            expect(res.data?.petitions ?? null).toBeNull();
            expect(leaked(res, [p.id])).toEqual([]);
            answers.push(JSON.stringify({ data: res.data, codes: codes(res), paths: res.errors?.map((e) => e.path) }));
          }
        }
        expect(answers[0]).toEqual(answers[2]);
        expect(answers[1]).toEqual(answers[3]);
      },
    );

    it('the petition bureau filters by reporter and gets exactly the matching rows', async () => {
      const rows = await petitionsWhere('reporter_name = $1 AND unit_credit_code = $2', [p.reporter_name, p.unit]);
      const all = await petitionsWhere('reporter_name = $1', [p.reporter_name]);
      for (const login of ['xfj-officer', 'xfj-system']) {
        const unit = await as(login, UNIT, { c: p.unit, n: p.reporter_name });
        expect(unit.errors).toBeUndefined();
        expect(unit.data.unitByCreditCode.petitions.nodes.map((n: { id: string }) => n.id)).toEqual(rows.map((r) => r.id));
        const root = await as(login, ROOT, { n: p.reporter_name });
        expect(root.errors).toBeUndefined();
        expect(root.data.petitions.totalCount).toBe(all.length);
      }
    });
  });

  describe('counts and statistics only ever count rows in the caller’s scope', () => {
    let region: string;
    let regionUnits: string[];
    const granted: Record<string, string> = {};
    const STATS = `query($r: String!) { units(first: 100, regionCode: $r) { totalCount nodes { creditCode
      petitions(first: 1) { totalCount } petitionStats { total byCategory { count } byYear { count } }
      publicOpinions(first: 1) { totalCount }
      clues(first: 1) { totalCount } clueStats { total filed closed byDisposalMethod { count } }
      sanctions(first: 1) { totalCount }
      auditProjects(first: 1) { totalCount } auditFindings(first: 1) { totalCount } auditStats { findings rectified }
    } } }`;
    const TABLES: Record<string, [string, string]> = {
      Petition: ['petition', 'petition.petition'],
      PublicOpinionItem: ['petition', 'petition.public_opinion_item'],
      ProblemClue: ['discipline', 'discipline.problem_clue'],
      Sanction: ['discipline', 'discipline.sanction'],
      AuditProject: ['audit', 'audit.audit_project'],
      AuditFinding: ['audit', 'audit.audit_finding'],
    };
    const byUnit = async (type: string, extra = 'count(*)::int AS n') => {
      const [source, table] = TABLES[type];
      const rows: { u: string; n: number; filed?: number; closed?: number; rectified?: number }[] = await sql(source, `SELECT trim(unit_credit_code) AS u, ${extra} FROM ${table} GROUP BY 1`);
      return new Map(rows.map((r) => [r.u, r]));
    };

    beforeAll(async () => {
      // The region with the most sanctions (the sparsest type); in it, per type, the unit with the most rows.
      [{ region }] = await sql('discipline', `SELECT substr(unit_credit_code, 3, 6) AS region FROM discipline.sanction GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
      const units = await sql('organization', `SELECT trim(credit_code) AS c FROM organization.inspected_unit WHERE substr(credit_code, 3, 6) = $1`, [region]);
      regionUnits = units.map((u: { c: string }) => u.c);
      const gaj = await hub.principalId('gaj-officer');
      for (const [type, field, effect, mask] of [
        ['Petition', 'summary', 'ALLOW', null],
        ['ProblemClue', 'summary', 'MASK', 'REDACT_TEXT'],
        ['Sanction', 'reason', 'ALLOW', null],
        ['AuditFinding', 'amount', 'MASK', 'AMOUNT_BUCKET'],
      ] as const) {
        const counts = await byUnit(type);
        const best = regionUnits.filter((u) => counts.has(u)).sort((a, b) => counts.get(b)!.n - counts.get(a)!.n)[0];
        expect({ type, best }).toEqual({ type, best: expect.any(String) });
        granted[type] = best;
        await grant(hub, { subjectKind: 'PRINCIPAL', subjectValue: gaj, typeName: type, fields: [field], effect, maskStrategy: mask, scopeKind: 'LISTED_UNITS', unitCreditCodes: [best], purpose: '攻击测试：统计范围' });
      }
    });

    it('per unit, every list total and every figure equals the SQL count of the rows the caller may see, for a LISTED_UNITS grantee', async () => {
      const res = await as('gaj-officer', STATS, { r: region });
      expect(res.errors).toBeUndefined();
      expect(res.data.units.totalCount).toBeLessThanOrEqual(100);
      const n = async (type: string) => byUnit(type);
      const [pet, op, clue, san, proj, fin] = await Promise.all(['Petition', 'PublicOpinionItem', 'ProblemClue', 'Sanction', 'AuditProject', 'AuditFinding'].map(n));
      const clueFigures = await byUnit('ProblemClue', `count(*)::int AS n, count(filed_date)::int AS filed, (count(*) FILTER (WHERE status = 'CLOSED'))::int AS closed`);
      const findingFigures = await byUnit('AuditFinding', `count(*)::int AS n, (count(*) FILTER (WHERE rectification_status = 'RECTIFIED'))::int AS rectified`);
      const inScope = (type: string, u: string) => granted[type] === u;
      const mismatches: string[] = [];
      let outside = 0;
      for (const node of res.data.units.nodes) {
        const u = node.creditCode;
        const want = (type: string, m: Map<string, { n: number }>) => (inScope(type, u) ? m.get(u)?.n ?? 0 : 0);
        const rowsOf: Record<string, Map<string, { n: number }>> = { Petition: pet, ProblemClue: clue, Sanction: san, AuditFinding: fin };
        outside += Object.entries(rowsOf).reduce((sum, [t, m]) => sum + (inScope(t, u) ? 0 : m.get(u)?.n ?? 0), 0);
        const got = {
          petitions: node.petitions.totalCount,
          petitionStats: node.petitionStats.total,
          petitionsByCategory: node.petitionStats.byCategory.reduce((s: number, c: { count: number }) => s + c.count, 0),
          petitionsByYear: node.petitionStats.byYear.reduce((s: number, c: { count: number }) => s + c.count, 0),
          publicOpinions: node.publicOpinions.totalCount,
          clues: node.clues.totalCount,
          clueStats: [node.clueStats.total, node.clueStats.filed, node.clueStats.closed, node.clueStats.byDisposalMethod.reduce((s: number, c: { count: number }) => s + c.count, 0)],
          sanctions: node.sanctions.totalCount,
          auditProjects: node.auditProjects.totalCount,
          auditFindings: node.auditFindings.totalCount,
          auditStats: [node.auditStats.findings, node.auditStats.rectified],
        };
        const cf = inScope('ProblemClue', u) ? clueFigures.get(u) : undefined;
        const ff = inScope('AuditFinding', u) ? findingFigures.get(u) : undefined;
        const expected = {
          petitions: want('Petition', pet),
          petitionStats: want('Petition', pet),
          petitionsByCategory: want('Petition', pet),
          petitionsByYear: want('Petition', pet),
          publicOpinions: want('PublicOpinionItem', op),
          clues: want('ProblemClue', clue),
          clueStats: [cf?.n ?? 0, cf?.filed ?? 0, cf?.closed ?? 0, cf?.n ?? 0],
          sanctions: want('Sanction', san),
          auditProjects: want('AuditProject', proj),
          auditFindings: want('AuditFinding', fin),
          auditStats: [ff?.n ?? 0, ff?.rectified ?? 0],
        };
        if (JSON.stringify(got) !== JSON.stringify(expected)) mismatches.push(`${u}: got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
      }
      expect(mismatches).toEqual([]);
      expect(outside).toBeGreaterThan(0); // there were rows outside the scope to leak
      for (const type of Object.keys(granted)) expect({ type, rows: ((await byUnit(type)).get(granted[type])?.n ?? 0) > 0 }).toEqual({ type, rows: true });
    });

    it('a recused member counts none of the petitions of its former employer or home region, and all the others', async () => {
      const pet = await byUnit('Petition');
      for (const r of [tied.slice(2, 8), '990105']) {
        const res = await as('xcb-member-recused', `query($r: String!) { units(first: 100, regionCode: $r) { nodes { creditCode petitions(first: 1) { totalCount } petitionStats { total } } } }`, { r });
        expect(res.errors).toBeUndefined();
        const mismatches = res.data.units.nodes
          .map((node: { creditCode: string; petitions: { totalCount: number }; petitionStats: { total: number } }) => {
            const u = node.creditCode;
            const want = u === tied || u.slice(2, 8) === '990105' ? 0 : pet.get(u)?.n ?? 0;
            return node.petitions.totalCount === want && node.petitionStats.total === want ? null : `${u}: ${node.petitions.totalCount}/${node.petitionStats.total}, expected ${want}`;
          })
          .filter(Boolean);
        expect(mismatches).toEqual([]);
      }
      expect(pet.get(tied)?.n ?? 0).toBeGreaterThan(0);
    });

    it('the root petitions search counts only the caller’s rows (feature (b))', async () => {
      const pet = await byUnit('Petition');
      const total = [...pet.values()].reduce((s, r) => s + r.n, 0);
      const q = `{ petitions(first: 1) { totalCount } }`;
      const gaj = await as('gaj-officer', q);
      expect(gaj.errors).toBeUndefined();
      expect(gaj.data.petitions.totalCount).toBe(pet.get(granted.Petition)!.n);
      const recused = await as('xcb-member-recused', q);
      const hidden = [...pet.entries()].filter(([u]) => u === tied || u.slice(2, 8) === '990105').reduce((s, [, r]) => s + r.n, 0);
      expect(hidden).toBeGreaterThan(0);
      expect(recused.data.petitions.totalCount).toBe(total - hidden);
      expect((await as('scjg-officer', q)).data.petitions.totalCount).toBe(0);
      expect((await as('xfj-officer', q)).data.petitions.totalCount).toBe(total);
    });

    it('a unit’s inspections do not reveal rounds known only from findings the caller may not see', async () => {
      // A round with findings in a unit but no team assigned to it: only the findings tell that it happened there.
      await gql(hub.url, await hub.token('xcb-system'), `mutation($r: [InspectionRoundInput!]!) { publishRounds(records: $r) { created } }`, {
        r: [{ externalId: 'T-ATK-R', name: '攻击测试轮次', kind: 'SPECIAL', mode: 'LOCAL', startDate: '2025-03-01', endDate: '2025-04-30', status: 'COMPLETED', teams: [] }],
      });
      const unit = granted.Petition;
      const pub = await gql(hub.url, await hub.token('xcb-system'), `mutation($r: [InspectionFindingInput!]!) { publishFindings(records: $r) { created } }`, {
        r: [{ externalId: 'T-ATK-F', roundExternalId: 'T-ATK-R', unitCreditCode: unit, category: 'OTHER', description: '攻击测试巡察问题', severity: 'LOW', immediateRectification: false, rectificationItems: [] }],
      });
      expect(pub.errors).toBeUndefined();
      const q = `query($c: String!) { unitByCreditCode(creditCode: $c) { inspections { round { name } findings { id } rectificationRate } } }`;
      const own = await as('xcb-office', q, { c: unit });
      expect(own.data.unitByCreditCode.inspections.map((i: { round: { name: string } }) => i.round.name)).toContain('攻击测试轮次');
      const other = await as('gaj-officer', q, { c: unit });
      expect(other.errors).toBeUndefined();
      expect(other.data.unitByCreditCode.inspections.map((i: { round: { name: string } }) => i.round.name)).not.toContain('攻击测试轮次');
    });
  });

  describe('grants outside their window and revoked grants', () => {
    const READ = `query($id: UUID!) { petition(id: $id) { id summary } }`;
    let p: PetitionRow;
    beforeAll(async () => {
      [p] = await petitionsWhere('NOT anonymous AND NOT (unit_credit_code = ANY($1))', [team]);
    });

    it('a grant is not used before its window opens nor after it closes', async () => {
      const login = 'rsj-officer';
      const from = Date.now() + 2500;
      const to = from + 3000;
      await grant(hub, {
        subjectKind: 'PRINCIPAL',
        subjectValue: await hub.principalId(login),
        typeName: 'Petition',
        fields: ['summary'],
        effect: 'ALLOW',
        scopeKind: 'LISTED_UNITS',
        unitCreditCodes: [p.unit],
        validFrom: new Date(from).toISOString(),
        validTo: new Date(to).toISOString(),
        purpose: '攻击测试：时间窗口',
      });
      const before = await as(login, READ, { id: p.id });
      expect(before.data.petition).toBeNull();
      expect(leaked(before, [p.summary])).toEqual([]);
      await sleep(from - Date.now() + 300);
      const during = await as(login, READ, { id: p.id });
      expect(during.errors).toBeUndefined();
      expect(during.data.petition).toEqual({ id: p.id, summary: p.summary });
      await sleep(to - Date.now() + 300);
      const after = await as(login, READ, { id: p.id });
      expect(after.data.petition).toBeNull();
      expect(leaked(after, [p.summary])).toEqual([]);
    });

    it('a grant narrowed or revoked through another gateway process is not used by this one on the very next request', async () => {
      const login = 'scjg-officer';
      let hubB: Hub | undefined;
      try {
        hubB = await startHub({ port: 0, databaseUrl: hub.db.url, seed: false });
        const admin = await hub.token('admin');
        const reader = await hub.token(login);
        expect((await gql(hub.url, reader, READ, { id: p.id })).data.petition).toBeNull();
        const id = await grant(hub, {
          subjectKind: 'PRINCIPAL',
          subjectValue: await hub.principalId(login),
          typeName: 'Petition',
          fields: ['summary', 'conclusion'],
          effect: 'ALLOW',
          scopeKind: 'LISTED_UNITS',
          unitCreditCodes: [p.unit],
          purpose: '攻击测试：撤销',
        });
        // Hub A serves the grant (and so would have cached it, if it cached anything).
        for (let i = 0; i < 3; i++) expect((await gql(hub.url, reader, READ, { id: p.id })).data.petition).toEqual({ id: p.id, summary: p.summary });
        // Hub B narrows it to MASK: hub A masks on its next request.
        const narrow = await gql(hubB.url, admin, `mutation($id: UUID!) { narrowGrant(id: $id, input: { effect: MASK, maskStrategy: REDACT_TEXT }) { id effect } }`, { id });
        expect(narrow.errors).toBeUndefined();
        expect((await gql(hub.url, reader, READ, { id: p.id })).data.petition).toEqual({ id: p.id, summary: '[已脱敏]' });
        // Hub B revokes it: hub A no longer shows the row on its next request.
        const revoke = await gql(hubB.url, admin, `mutation($id: UUID!) { revokeGrant(id: $id) { id revokedAt } }`, { id });
        expect(revoke.errors).toBeUndefined();
        expect(revoke.data.revokeGrant.revokedAt).toEqual(expect.any(String));
        const after = await gql(hub.url, reader, `query($id: UUID!, $c: String!) { petition(id: $id) { id summary } unitByCreditCode(creditCode: $c) { petitions(first: 100) { totalCount nodes { id summary } } } }`, { id: p.id, c: p.unit });
        expect(after.data.petition).toBeNull();
        expect(after.data.unitByCreditCode.petitions).toEqual({ totalCount: 0, nodes: [] });
        expect(leaked(after, [p.summary])).toEqual([]);
      } finally {
        await hubB?.stop();
      }
    });
  });
});
