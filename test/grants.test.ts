import { codes, gql, grant, type GqlResult, startTestHub, type TestHub } from './support/hub';

/**
 * Grants (issue 3 "Grants"): validation, who may manage them, narrowing only ever
 * takes away, revocation, the change history, their effect on a reader's very next
 * request; the catalog; and the disclosure audit entry every CONDITIONAL/RESTRICTED
 * disclosure leaves behind.
 */

const CREATE = `mutation($i: GrantInput!) { createGrant(input: $i) { id subjectKind subjectValue typeName fields effect maskStrategy scopeKind unitCreditCodes validFrom validTo purpose createdBy revokedAt } }`;
const NARROW = `mutation($id: UUID!, $i: NarrowGrantInput!) { narrowGrant(id: $id, input: $i) { id fields effect maskStrategy scopeKind unitCreditCodes validTo } }`;
const REVOKE = `mutation($id: UUID!) { revokeGrant(id: $id) { id revokedAt } }`;
const HISTORY = `query($id: UUID!) { grantHistory(grantId: $id) { id grantId action changedBy changedAt before after } }`;
const AUDIT = `query($p: UUID, $first: Int) { disclosureAudit(principalId: $p, first: $first) { totalCount nodes { seq at requestId principalId agencyId operationName operationHash typeName recordIds fields unitCreditCodes effect grantId } } }`;

const pgArray = (v: unknown): string[] => (Array.isArray(v) ? v : String(v).replace(/^\{|\}$/g, '').split(',').filter(Boolean));
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const messages = (r: GqlResult) => (r.errors ?? []).map((e) => e.message).join(' | ');

describe('grants: validation, authority, narrowing, revocation, history; catalog; disclosure audit', () => {
  let hub: TestHub;
  let admin: string;
  let adminId: string;
  let units: string[]; // townships with petitions, outside the demo team's units
  let team: string[];
  const sql = (source: string, text: string, params: unknown[] = []) => hub.sources.get(source)!.query(text, params);
  const as = async (login: string, query: string, variables?: Record<string, unknown>) => gql(hub.url, await hub.token(login), query, variables);
  const base = (over: Record<string, unknown> = {}) => ({
    subjectKind: 'AGENCY',
    subjectValue: '',
    typeName: 'Petition',
    fields: ['summary'],
    effect: 'ALLOW',
    scopeKind: 'ALL_UNITS',
    unitCreditCodes: [],
    purpose: '授权测试：巡前了解情况',
    ...over,
  });
  const grantCount = async () => Number((await sql('access', 'SELECT count(*)::int AS n FROM access."grant"'))[0].n);

  beforeAll(async () => {
    hub = await startTestHub();
    admin = await hub.token('admin');
    adminId = await hub.principalId('admin');
    const [{ unit_credit_codes }] = await sql('access', 'SELECT unit_credit_codes FROM access.team_membership LIMIT 1');
    team = pgArray(unit_credit_codes);
    const rows = await sql(
      'petition',
      `SELECT trim(unit_credit_code) AS u FROM petition.petition WHERE NOT (unit_credit_code = ANY($1)) AND substr(unit_credit_code, 3, 6) NOT IN ('990105', '990107')
        GROUP BY 1 HAVING count(*) FILTER (WHERE status = 'CONCLUDED') > 0 ORDER BY count(*) DESC, 1 LIMIT 3`,
      [team],
    );
    units = rows.map((r: { u: string }) => r.u);
    expect(units).toHaveLength(3);
  });
  afterAll(() => hub?.stop());

  describe('createGrant validation', () => {
    let gaj: string;
    beforeAll(async () => {
      [{ id: gaj }] = await sql('access', `SELECT id FROM access.agency WHERE code = 'gaj'`);
    });

    it.each([
      ['an unknown type', { typeName: 'NoSuchType', fields: [] }, 'NoSuchType'],
      ['an unknown field', { fields: ['noSuchField'] }, 'noSuchField'],
      ['an OPEN field', { fields: ['category'] }, 'Petition.category'],
      ['a RESTRICTED field', { fields: ['reporterName'] }, 'Petition.reporterName'],
      ['a type with no CONDITIONAL field', { typeName: 'Region', fields: [] }, 'typeName'],
      ['MASK on an amount with a name mask', { typeName: 'AuditFinding', fields: ['amount'], effect: 'MASK', maskStrategy: 'CHINESE_NAME' }, 'AuditFinding.amount'],
      ['MASK on a cadre reference', { fields: ['subjectCadre'], effect: 'MASK', maskStrategy: 'REDACT_TEXT' }, 'Petition.subjectCadre'],
      ['MASK on a field without default mask, naming none', { fields: ['summary'], effect: 'MASK' }, 'Petition.summary'],
      ['a mask on an ALLOW grant', { maskStrategy: 'REDACT_TEXT' }, 'maskStrategy'],
      ['LISTED_UNITS without units', { scopeKind: 'LISTED_UNITS', unitCreditCodes: [] }, 'unitCreditCodes'],
      ['a malformed credit code', { scopeKind: 'LISTED_UNITS', unitCreditCodes: ['91110000ABC'] }, '91110000ABC'],
      ['a credit code with a wrong check character', { scopeKind: 'LISTED_UNITS', unitCreditCodes: ['__BADCHECK__'] }, 'unitCreditCodes'],
      ['units on an ALL_UNITS grant', { unitCreditCodes: ['__UNIT__'] }, 'unitCreditCodes'],
      ['a window already past', { validFrom: inDays(-10), validTo: inDays(-1) }, 'validTo'],
      ['a window ending before it starts', { validFrom: inDays(5), validTo: inDays(2) }, 'validTo'],
      ['an unknown agency', { subjectValue: '00000000-0000-4000-8000-000000000000' }, 'subjectValue'],
      ['an unknown role', { subjectKind: 'ROLE', subjectValue: 'KING' }, 'subjectValue'],
      ['no purpose', { purpose: ' ' }, 'purpose'],
    ])('refuses %s with BAD_USER_INPUT naming it, and stores nothing', async (_label, over, named) => {
      const before = await grantCount();
      const input: Record<string, unknown> = base({ subjectValue: gaj, ...over });
      // Credit codes that must be well formed except for their check character, from a real unit.
      input.unitCreditCodes = (input.unitCreditCodes as string[]).map((u) =>
        u === '__UNIT__' ? units[0] : u === '__BADCHECK__' ? units[0].slice(0, 17) + (units[0][17] === '0' ? '1' : '0') : u,
      );
      const res = await gql(hub.url, admin, CREATE, { i: input });
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(messages(res)).toContain(named);
      expect(res.data?.createGrant ?? null).toBeNull();
      expect(await grantCount()).toBe(before);
    });

    it('a LISTED_UNITS grant on a type whose records carry no unit (Cadre) is refused, or else honoured for the listed unit’s cadres — never silently useless', async () => {
      const [c] = await sql('organization', `SELECT c.id, trim(u.credit_code) AS u, c.rank FROM organization.cadre c JOIN organization.inspected_unit u ON u.id = c.unit_id WHERE c.rank IS NOT NULL ORDER BY c.id LIMIT 1`);
      const res = await gql(hub.url, admin, CREATE, { i: base({ subjectKind: 'PRINCIPAL', subjectValue: await hub.principalId('rsj-system'), typeName: 'Cadre', fields: ['rank'], scopeKind: 'LISTED_UNITS', unitCreditCodes: [c.u] }) });
      if (res.errors) {
        expect(codes(res)).toEqual(['BAD_USER_INPUT']);
        return;
      }
      const read = await as('rsj-system', `query($id: UUID!) { cadre(id: $id) { id rank } }`, { id: c.id });
      expect({ rank: read.data.cadre.rank, codes: codes(read) }).toEqual({ rank: c.rank, codes: [] });
    });

    it('accepts a well-formed grant and echoes it', async () => {
      const res = await gql(hub.url, admin, CREATE, { i: base({ subjectValue: gaj, scopeKind: 'LISTED_UNITS', unitCreditCodes: [units[0]], validTo: inDays(30) }) });
      expect(res.errors).toBeUndefined();
      expect(res.data.createGrant).toMatchObject({ subjectKind: 'AGENCY', subjectValue: gaj, typeName: 'Petition', fields: ['summary'], effect: 'ALLOW', maskStrategy: null, scopeKind: 'LISTED_UNITS', unitCreditCodes: [units[0]], createdBy: adminId, revokedAt: null });
    });
  });

  describe('who may manage grants', () => {
    const petitionGrant = async (login: string) => as(login, CREATE, { i: base({ subjectKind: 'PRINCIPAL', subjectValue: await hub.principalId('gaj-system') }) });
    const clueGrant = async (login: string) => as(login, CREATE, { i: base({ subjectKind: 'PRINCIPAL', subjectValue: await hub.principalId('gaj-system'), typeName: 'ProblemClue' }) });

    it('admins grant on every type', async () => {
      for (const typeName of ['Petition', 'ProblemClue', 'AuditProject', 'Inspector', 'Cadre']) {
        const fields = typeName === 'AuditProject' ? ['title'] : typeName === 'Inspector' ? ['homeRegionCode'] : typeName === 'Cadre' ? ['rank'] : ['summary'];
        const res = await as('admin', CREATE, { i: base({ subjectKind: 'PRINCIPAL', subjectValue: await hub.principalId('gaj-system'), typeName, fields }) });
        expect({ typeName, errors: res.errors }).toEqual({ typeName, errors: undefined });
      }
    });

    it('an owner-agency officer grants on its own agency’s types only', async () => {
      expect((await petitionGrant('xfj-officer')).errors).toBeUndefined();
      expect(codes(await clueGrant('xfj-officer'))).toEqual(['FORBIDDEN']);
      expect((await clueGrant('jw-officer')).errors).toBeUndefined();
      expect(codes(await petitionGrant('jw-officer'))).toEqual(['FORBIDDEN']);
    });

    it('on Cadre, whose fields come from four agencies, an officer grants on its own agency’s fields only', async () => {
      const cadreGrant = async (login: string, field: string) =>
        as(login, CREATE, { i: base({ subjectKind: 'PRINCIPAL', subjectValue: await hub.principalId('gaj-system'), typeName: 'Cadre', fields: [field] }) });
      const outcome = async (login: string, field: string) => (codes(await cadreGrant(login, field))[0] ?? 'OK') as string;
      expect({
        'zzb-officer rank': await outcome('zzb-officer', 'rank'),
        'sj-officer auditProjects': await outcome('sj-officer', 'auditProjects'),
        'xfj-officer petitions': await outcome('xfj-officer', 'petitions'),
        'sj-officer rank': await outcome('sj-officer', 'rank'),
        'xfj-officer sanctions': await outcome('xfj-officer', 'sanctions'),
      }).toEqual({
        'zzb-officer rank': 'OK',
        'sj-officer auditProjects': 'OK',
        'xfj-officer petitions': 'OK',
        'sj-officer rank': 'FORBIDDEN',
        'xfj-officer sanctions': 'FORBIDDEN',
      });
    });

    it.each(['xfj-system', 'xcb-office', 'xcb-leader', 'gaj-officer'])('%s may not grant at all', async (login) => {
      const before = await grantCount();
      expect(codes(await petitionGrant(login))).toEqual(['FORBIDDEN']);
      expect(codes(await clueGrant(login))).toEqual(['FORBIDDEN']);
      expect(await grantCount()).toBe(before);
    });

    it('narrowing, revoking and reading the history follow the same rule', async () => {
      const id = await grant(hub, base({ subjectKind: 'PRINCIPAL', subjectValue: await hub.principalId('gaj-system'), fields: ['summary', 'conclusion'] }));
      // Who manages no grants at all is refused; an officer of another agency is told the grant is not there
      // (the answer for an id that does not exist), so it cannot learn which ids are real (issue 9).
      for (const [login, code] of [['jw-officer', 'NOT_FOUND'], ['xfj-system', 'FORBIDDEN'], ['xcb-office', 'FORBIDDEN']]) {
        expect(codes(await as(login, NARROW, { id, i: { fields: ['summary'] } }))).toEqual([code]);
        expect(codes(await as(login, REVOKE, { id }))).toEqual([code]);
        expect(codes(await as(login, HISTORY, { id }))).toEqual([code]);
      }
      expect((await as('xfj-officer', NARROW, { id, i: { fields: ['summary'] } })).errors).toBeUndefined();
      expect((await as('xfj-officer', HISTORY, { id })).data.grantHistory.map((c: { action: string }) => c.action)).toEqual(['CREATE', 'NARROW']);
      expect((await as('xfj-officer', REVOKE, { id })).errors).toBeUndefined();
    });

    it('the grants list shows officers their agency’s types only, and nothing to others', async () => {
      // The admin's grants above include Cadre.rank (organization department's): not the petition bureau's business.
      const xfj = await as('xfj-officer', '{ grants { typeName fields } }');
      expect(xfj.errors).toBeUndefined();
      const owned = (await as('xfj-officer', '{ catalog { typeName fieldName ownerAgencyKind sensitivity } }')).data.catalog.filter(
        (e: { ownerAgencyKind: string; sensitivity: string }) => e.ownerAgencyKind === 'PETITION_BUREAU' && e.sensitivity === 'CONDITIONAL',
      );
      const mine = (t: string, f: string) => owned.some((e: { typeName: string; fieldName: string }) => e.typeName === t && e.fieldName === f);
      const foreign = xfj.data.grants.filter((g: { typeName: string; fields: string[] }) => !(g.fields.length ? g.fields.every((f) => mine(g.typeName, f)) : mine(g.typeName, owned.find((e: { typeName: string }) => e.typeName === g.typeName)?.fieldName ?? '')));
      expect(foreign).toEqual([]);
      expect(xfj.data.grants.some((g: { typeName: string }) => g.typeName === 'Petition')).toBe(true);
      expect(codes(await as('xfj-system', '{ grants { id } }'))).toEqual(['FORBIDDEN']);
      expect(codes(await as('xfj-officer', '{ grants(typeName: "ProblemClue") { id } }'))).toEqual(['FORBIDDEN']);
      const all = await as('admin', '{ grants { typeName } }');
      expect(all.data.grants.length).toBeGreaterThan(xfj.data.grants.length);
    });
  });

  describe('narrowing only takes away; revocation ends it; every change is in the history and takes effect on the next request', () => {
    const reader = 'czj-officer';
    let id: string;
    const READ = `query($a: String!, $b: String!) {
      a: unitByCreditCode(creditCode: $a) { petitions(first: 100) { totalCount nodes { id summary conclusion } } }
      b: unitByCreditCode(creditCode: $b) { petitions(first: 100) { totalCount nodes { id summary conclusion } } }
    }`;
    const rowsOf = async (u: string) =>
      sql('petition', `SELECT id, summary, conclusion FROM petition.petition WHERE unit_credit_code = $1 ORDER BY received_date DESC, id DESC`, [u]) as Promise<{ id: string; summary: string; conclusion: string | null }[]>;
    const read = async () => {
      const res = await as(reader, READ, { a: units[0], b: units[1] });
      return { a: res.data.a.petitions, b: res.data.b.petitions, errors: res.errors ?? [] };
    };

    it('creates: the reader sees the listed units with both fields in clear', async () => {
      const before = await read();
      expect([before.a.totalCount, before.b.totalCount]).toEqual([0, 0]);
      id = await grant(hub, base({ subjectKind: 'PRINCIPAL', subjectValue: await hub.principalId(reader), fields: ['summary', 'conclusion'], scopeKind: 'LISTED_UNITS', unitCreditCodes: [units[0], units[1]], validTo: inDays(30) }));
      const now = await read();
      const [a, b] = [await rowsOf(units[0]), await rowsOf(units[1])];
      expect(now.a).toEqual({ totalCount: a.length, nodes: a });
      expect(now.b).toEqual({ totalCount: b.length, nodes: b });
    });

    it.each([
      ['a field it does not cover', { fields: ['summary', 'subjectCadre'] }, 'fields'],
      ['every field (an empty list)', { fields: [] }, 'fields'],
      ['a unit it does not cover', { unitCreditCodes: ['__U0__', '__U2__'] }, 'scopeKind'],
      ['all units', { scopeKind: 'ALL_UNITS', unitCreditCodes: [] }, 'scopeKind'],
      ['team units', { scopeKind: 'TEAM_UNITS', unitCreditCodes: [] }, 'scopeKind'],
      ['a later end', { validTo: '__LATER__' }, 'validTo'],
    ])('refuses to widen it to %s, and changes nothing', async (_label, input, named) => {
      const history = (await gql(hub.url, admin, HISTORY, { id })).data.grantHistory.length;
      const i: Record<string, unknown> = { ...input };
      if (i.unitCreditCodes) i.unitCreditCodes = (i.unitCreditCodes as string[]).map((u) => (u === '__U0__' ? units[0] : u === '__U2__' ? units[2] : u));
      if (i.validTo === '__LATER__') i.validTo = inDays(60);
      const res = await gql(hub.url, admin, NARROW, { id, i });
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(messages(res)).toContain(named);
      expect((await gql(hub.url, admin, HISTORY, { id })).data.grantHistory.length).toBe(history);
    });

    it('narrows fields: the dropped field is denied on the next request', async () => {
      expect((await gql(hub.url, admin, NARROW, { id, i: { fields: ['summary'] } })).errors).toBeUndefined();
      const now = await read();
      const a = await rowsOf(units[0]);
      expect(now.a.nodes).toEqual(a.map((r) => ({ id: r.id, summary: r.summary, conclusion: null })));
      // One FORBIDDEN error for the field, counting every record it nulled.
      expect(now.errors.filter((e) => e.path?.[0] === 'a').map((e) => `${e.extensions?.code}:${e.path?.slice(-1)[0]}:${e.extensions?.count}`)).toEqual([
        `FORBIDDEN:conclusion:${a.length}`,
      ]);
    });

    it('narrows units: the dropped unit’s rows disappear from lists and counts on the next request', async () => {
      expect((await gql(hub.url, admin, NARROW, { id, i: { unitCreditCodes: [units[0]] } })).errors).toBeUndefined();
      const now = await read();
      expect(now.b).toEqual({ totalCount: 0, nodes: [] });
      expect(now.a.totalCount).toBe((await rowsOf(units[0])).length);
    });

    it('narrows ALLOW to MASK: values are masked on the next request (and MASK cannot go back to ALLOW)', async () => {
      expect((await gql(hub.url, admin, NARROW, { id, i: { effect: 'MASK', maskStrategy: 'REDACT_TEXT' } })).errors).toBeUndefined();
      const now = await read();
      expect(now.a.nodes.every((n: { summary: string }) => n.summary === '[已脱敏]')).toBe(true);
      const back = await gql(hub.url, admin, NARROW, { id, i: { effect: 'ALLOW' } });
      expect(codes(back)).toEqual(['BAD_USER_INPUT']);
      expect(messages(back)).toContain('effect');
    });

    it('narrows the window to an earlier end', async () => {
      const res = await gql(hub.url, admin, NARROW, { id, i: { validTo: inDays(10) } });
      expect(res.errors).toBeUndefined();
      expect(Math.abs(Date.parse(res.data.narrowGrant.validTo) - Date.parse(inDays(10)))).toBeLessThan(60_000);
      expect((await read()).a.totalCount).toBe((await rowsOf(units[0])).length);
    });

    it('revokes: nothing on the next request; a revoked grant cannot be narrowed or revoked again', async () => {
      const res = await gql(hub.url, admin, REVOKE, { id });
      expect(res.errors).toBeUndefined();
      expect(res.data.revokeGrant.revokedAt).toEqual(expect.any(String));
      const now = await read();
      expect([now.a, now.b]).toEqual([
        { totalCount: 0, nodes: [] },
        { totalCount: 0, nodes: [] },
      ]);
      expect(codes(await gql(hub.url, admin, REVOKE, { id }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await gql(hub.url, admin, NARROW, { id, i: { fields: ['summary'] } }))).toEqual(['BAD_USER_INPUT']);
      const listed = await gql(hub.url, admin, `query($v: String!) { active: grants(subjectValue: $v) { id } all: grants(subjectValue: $v, includeRevoked: true) { id revokedAt } }`, { v: await hub.principalId(reader) });
      expect(listed.data.active).toEqual([]);
      expect(listed.data.all).toEqual([{ id, revokedAt: res.data.revokeGrant.revokedAt }]);
    });

    it('the history has who, when, before and after for the creation, every narrowing and the revocation', async () => {
      const res = await gql(hub.url, admin, HISTORY, { id });
      expect(res.errors).toBeUndefined();
      const h: { grantId: string; action: string; changedBy: string; changedAt: string; before: Record<string, any> | null; after: Record<string, any> }[] = res.data.grantHistory;
      expect(h.map((c) => c.action)).toEqual(['CREATE', 'NARROW', 'NARROW', 'NARROW', 'NARROW', 'REVOKE']);
      for (const c of h) expect(c).toMatchObject({ grantId: id, changedBy: adminId });
      const times = h.map((c) => Date.parse(c.changedAt));
      expect(times).toEqual([...times].sort((x, y) => x - y));
      expect(h[0].before).toBeNull();
      expect(h[0].after).toMatchObject({ id, fields: ['summary', 'conclusion'], effect: 'ALLOW', scopeKind: 'LISTED_UNITS', unitCreditCodes: [units[0], units[1]] });
      expect([h[1].before!.fields, h[1].after.fields]).toEqual([['summary', 'conclusion'], ['summary']]);
      expect([h[2].before!.unitCreditCodes, h[2].after.unitCreditCodes]).toEqual([[units[0], units[1]], [units[0]]]);
      expect([h[3].before!.effect, h[3].after.effect, h[3].after.maskStrategy]).toEqual(['ALLOW', 'MASK', 'REDACT_TEXT']);
      expect(Date.parse(h[4].after.validTo)).toBeLessThan(Date.parse(h[4].before!.validTo));
      expect([h[5].before!.revokedAt, h[5].after.revokedAt]).toEqual([null, expect.any(String)]);
      // Each "before" is the previous "after": nothing changed outside the history.
      for (let i = 1; i < h.length; i++) expect(h[i].before).toEqual(h[i - 1].after);
    });
  });

  describe('catalog', () => {
    let entries: { typeName: string; fieldName: string; subgraph: string; ownerAgencyKind: string | null; sensitivity: string; defaultMask: string | null; description: string | null; valueType: string }[];
    beforeAll(async () => {
      const res = await as('gaj-system', '{ catalog { typeName fieldName subgraph ownerAgencyKind sensitivity defaultMask description valueType } }');
      expect(res.errors).toBeUndefined();
      entries = res.data.catalog;
    });
    const entry = (k: string) => entries.find((e) => `${e.typeName}.${e.fieldName}` === k);

    it('lists owner agency kind, sensitivity and default mask per field', () => {
      expect(entry('AuditProject.title')).toMatchObject({ subgraph: 'audit', ownerAgencyKind: 'AUDIT_BUREAU', sensitivity: 'CONDITIONAL', defaultMask: 'REDACT_TEXT', valueType: 'String', description: expect.stringContaining('项目名称') });
      expect(entry('Petition.reporterName')).toMatchObject({ subgraph: 'petition', ownerAgencyKind: 'PETITION_BUREAU', sensitivity: 'RESTRICTED', defaultMask: null });
      expect(entry('ProblemClue.details')).toMatchObject({ ownerAgencyKind: 'DISCIPLINE_COMMISSION', sensitivity: 'RESTRICTED' });
      expect(entry('Cadre.residentId')).toMatchObject({ ownerAgencyKind: 'ORGANIZATION_DEPARTMENT', sensitivity: 'RESTRICTED' });
      expect(entry('InspectedUnit.name')).toMatchObject({ ownerAgencyKind: 'ORGANIZATION_DEPARTMENT', sensitivity: 'OPEN' });
      expect(entry('AuditFinding.amount')).toMatchObject({ sensitivity: 'CONDITIONAL', valueType: 'Decimal' });
      for (const e of entries) expect(['OPEN', 'CONDITIONAL', 'RESTRICTED']).toContain(e.sensitivity);
      const keys = entries.map((e) => `${e.typeName}.${e.fieldName}`);
      expect(new Set(keys).size).toBe(keys.length);
    });

    it('filters by type and sensitivity', async () => {
      const res = await as('gaj-system', '{ catalog(typeName: "Petition", sensitivity: RESTRICTED) { fieldName } }');
      expect(res.data.catalog.map((e: { fieldName: string }) => e.fieldName).sort()).toEqual(['content', 'reporterIdNumber', 'reporterName', 'reporterPhone']);
    });
  });

  describe('disclosure audit: every CONDITIONAL/RESTRICTED disclosure leaves an entry, OPEN data none', () => {
    type Entry = { seq: string; requestId: string; principalId: string; agencyId: string; operationName: string | null; operationHash: string; typeName: string; recordIds: string[]; fields: string[]; unitCreditCodes: string[]; effect: string; grantId: string | null };
    const entriesOf = async (login: string): Promise<Entry[]> => {
      const res = await gql(hub.url, admin, AUDIT, { p: await hub.principalId(login), first: 100 });
      expect(res.errors).toBeUndefined();
      return res.data.disclosureAudit.nodes;
    };
    /** A call with a request id of ours, so the entry can be matched to it. */
    const call = async (login: string, query: string, variables: Record<string, unknown>, requestId: string) => {
      const res = await fetch(hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: await hub.token(login), 'x-request-id': requestId },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as Omit<GqlResult, 'status'>;
    };

    it('a read under an ALLOW grant: principal, agency, operation, type, records, fields, units, effect and grant', async () => {
      const login = 'sfj-officer';
      const gid = await grant(hub, base({ subjectKind: 'PRINCIPAL', subjectValue: await hub.principalId(login), fields: ['summary'], scopeKind: 'LISTED_UNITS', unitCreditCodes: [units[2]] }));
      const query = `query ReadSummaries($c: String!) { unitByCreditCode(creditCode: $c) { name petitions(first: 100) { nodes { id summary category conclusion } } } }`;
      const res = await call(login, query, { c: units[2] }, 'perm-audit-allow-1');
      const ids = res.data!.unitByCreditCode.petitions.nodes.map((n: { id: string }) => n.id);
      expect(ids.length).toBeGreaterThan(0);
      const [{ agency_id }] = await sql('access', `SELECT agency_id FROM access.principal WHERE login = $1`, [login]);
      const entries = (await entriesOf(login)).filter((e) => e.requestId === 'perm-audit-allow-1');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        principalId: await hub.principalId(login),
        agencyId: agency_id,
        operationName: 'ReadSummaries',
        // The subgraph that disclosed logs the hash of the operation it ran (a router's part of the client's query).
        operationHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        typeName: 'Petition',
        fields: ['summary'],
        unitCreditCodes: [units[2]],
        effect: 'ALLOW',
        grantId: gid,
      });
      expect([...entries[0].recordIds].sort()).toEqual([...ids].sort());
    });

    it('a masked read names the MASK grant; the owner’s own read of RESTRICTED fields is an OWNER entry without grant', async () => {
      const [{ id: pid }] = await sql('petition', `SELECT id FROM petition.petition WHERE NOT anonymous AND unit_credit_code = $1 LIMIT 1`, [units[0]]);
      const [demo] = await sql('access', `SELECT g.id FROM access."grant" g JOIN access.agency a ON a.id::text = g.subject_value WHERE a.code = 'xcb' AND g.type_name = 'Petition'`);
      const q = `query($id: UUID!) { petition(id: $id) { id summary reporterName } }`;
      const masked = await call('xcb-office', q, { id: pid }, 'perm-audit-mask-1');
      expect(masked.data!.petition.summary).toBe('[已脱敏]');
      const m = (await entriesOf('xcb-office')).filter((e) => e.requestId === 'perm-audit-mask-1');
      expect(m).toEqual([expect.objectContaining({ typeName: 'Petition', recordIds: [pid], fields: ['summary'], effect: 'MASK', grantId: demo.id, unitCreditCodes: [units[0]] })]);

      const own = await call('xfj-officer', q, { id: pid }, 'perm-audit-owner-1');
      expect(own.data!.petition.reporterName).toEqual(expect.any(String));
      const o = (await entriesOf('xfj-officer')).filter((e) => e.requestId === 'perm-audit-owner-1');
      expect(o).toHaveLength(1);
      expect(o[0]).toMatchObject({ typeName: 'Petition', recordIds: [pid], effect: 'OWNER', grantId: null });
      expect([...o[0].fields].sort()).toEqual(['reporterName', 'summary']);
    });

    it('a response with only OPEN data, or with every sensitive field denied, leaves no entry', async () => {
      const login = 'bb-officer';
      const before = (await entriesOf(login)).length;
      const [{ id: pid }] = await sql('petition', `SELECT id FROM petition.petition WHERE unit_credit_code = $1 LIMIT 1`, [units[0]]);
      await grant(hub, base({ subjectKind: 'PRINCIPAL', subjectValue: await hub.principalId(login), fields: ['conclusion'], scopeKind: 'LISTED_UNITS', unitCreditCodes: [units[0]] }));
      const open = await call(login, `query($c: String!) { unitByCreditCode(creditCode: $c) { name kind petitions(first: 100) { totalCount nodes { id category receivedDate status } } petitionStats { total } } catalog(typeName: "Petition") { fieldName } }`, { c: units[0] }, 'perm-audit-open-1');
      expect(open.errors).toBeUndefined();
      expect(open.data!.unitByCreditCode.petitions.totalCount).toBeGreaterThan(0);
      const denied = await call(login, `query($id: UUID!) { petition(id: $id) { id summary reporterName content } }`, { id: pid }, 'perm-audit-open-2');
      expect(denied.data!.petition).toMatchObject({ id: pid, summary: null, reporterName: null, content: null });
      expect((await entriesOf(login)).length).toBe(before);
    });

    it('only admins read the trail', async () => {
      for (const login of ['xfj-officer', 'xcb-office', 'jw-system']) expect(codes(await as(login, AUDIT, { first: 1 }))).toEqual(['FORBIDDEN']);
    });
  });
});
