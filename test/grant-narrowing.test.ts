import { agencyId, codes, gql, grant, startTestHub, type GqlResult, type TestHub } from './support/hub';

/**
 * Issue 9, leaks 2 and 3: a narrowing is a subset of the grant on every axis or it is
 * refused (and leaves no NARROW in the history); masks are ordered by how much they
 * hide, a narrowing never moves to a weaker one, and a strategy that keeps characters
 * of a formatted value (a name, an ID number, a phone number) fits only fields declared
 * to hold that format — never free text.
 */
const NARROW = `mutation($id: UUID!, $i: NarrowGrantInput!) { narrowGrant(id: $id, input: $i) { id scopeKind unitCreditCodes effect maskStrategy } }`;
const HISTORY = `query($id: UUID!) { grantHistory(grantId: $id) { action } }`;
const CREATE = `mutation($i: GrantInput!) { createGrant(input: $i) { id } }`;
const PETITIONS = `query($c: String!) { unitByCreditCode(creditCode: $c) { petitions(first: 100) { totalCount nodes { summary } } } }`;

const message = (r: GqlResult) => (r.errors ?? []).map((e) => e.message).join(' | ');

describe('narrowing never widens, masks never weaken (issue 9, leaks 2 and 3)', () => {
  let hub: TestHub;
  let admin: string;
  let outside: string; // a unit with petitions that no team of the reader inspects
  let gaj: string;
  const sql = (source: string, text: string, params: unknown[] = []) => hub.sources.get(source)!.query(text, params);
  const history = async (id: string) => (await gql(hub.url, admin, HISTORY, { id })).data.grantHistory.map((c: { action: string }) => c.action);
  const petitionGrant = (over: Record<string, unknown>) =>
    grant(hub, { subjectKind: 'AGENCY', subjectValue: gaj, typeName: 'Petition', fields: ['summary'], effect: 'ALLOW', scopeKind: 'ALL_UNITS', purpose: '收窄测试：巡前了解情况', ...over });

  beforeAll(async () => {
    hub = await startTestHub();
    admin = await hub.token('admin');
    gaj = await agencyId(hub, 'gaj');
    [{ u: outside }] = await sql('petition', `SELECT trim(unit_credit_code) AS u FROM petition.petition WHERE substr(unit_credit_code, 3, 6) = '990104' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
  });
  afterAll(() => hub?.stop());

  describe('scope: a subset of the units covered now, or a new grant', () => {
    it('a TEAM_UNITS grant cannot be "narrowed" to a listed unit outside the team: refused, nothing read, no NARROW recorded', async () => {
      const id = await petitionGrant({ scopeKind: 'TEAM_UNITS' });
      const res = await gql(hub.url, admin, NARROW, { id, i: { scopeKind: 'LISTED_UNITS', unitCreditCodes: [outside] } });
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(message(res)).toMatch(/TEAM_UNITS → LISTED_UNITS.*new grant/);
      expect(await history(id)).toEqual(['CREATE']);
      const read = await gql(hub.url, await hub.token('gaj-officer'), PETITIONS, { c: outside });
      expect(read.data.unitByCreditCode.petitions).toEqual({ totalCount: 0, nodes: [] });
      const [row] = await sql('access', 'SELECT scope_kind, unit_credit_codes FROM access."grant" WHERE id = $1', [id]);
      expect(row.scope_kind).toBe('TEAM_UNITS');
    });

    it('a listed grant cannot become a team grant either, nor any grant an all-units one', async () => {
      const listed = await petitionGrant({ scopeKind: 'LISTED_UNITS', unitCreditCodes: [outside] });
      expect(codes(await gql(hub.url, admin, NARROW, { id: listed, i: { scopeKind: 'TEAM_UNITS', unitCreditCodes: [] } }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await gql(hub.url, admin, NARROW, { id: listed, i: { scopeKind: 'ALL_UNITS', unitCreditCodes: [] } }))).toEqual(['BAD_USER_INPUT']);
      expect(await history(listed)).toEqual(['CREATE']);
    });

    it('an all-units grant narrows to its team’s units or to a list, and that is recorded', async () => {
      const toTeam = await petitionGrant({});
      expect((await gql(hub.url, admin, NARROW, { id: toTeam, i: { scopeKind: 'TEAM_UNITS' } })).data.narrowGrant).toMatchObject({ scopeKind: 'TEAM_UNITS', unitCreditCodes: [] });
      const toList = await petitionGrant({});
      expect((await gql(hub.url, admin, NARROW, { id: toList, i: { scopeKind: 'LISTED_UNITS', unitCreditCodes: [outside] } })).data.narrowGrant).toMatchObject({ scopeKind: 'LISTED_UNITS', unitCreditCodes: [outside] });
      expect(await history(toList)).toEqual(['CREATE', 'NARROW']);
    });
  });

  describe('masks: a narrowing only hides more', () => {
    let id: string;
    beforeAll(async () => {
      // Another reader than the scope tests above, whose grants would show these rows in clear.
      id = await petitionGrant({ subjectValue: await agencyId(hub, 'sfj'), effect: 'MASK', maskStrategy: 'REDACT_TEXT', scopeKind: 'LISTED_UNITS', unitCreditCodes: [outside] });
    });

    it.each([
      ['MOBILE', 'keeps the last characters and the length of free text'],
      ['PSEUDONYM', 'lets two equal texts be linked'],
    ])('REDACT_TEXT → %s is refused (%s), and the reader still sees the redaction', async (strategy) => {
      const res = await gql(hub.url, admin, NARROW, { id, i: { maskStrategy: strategy } });
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(message(res)).toContain('maskStrategy');
      const read = await gql(hub.url, await hub.token('sfj-officer'), PETITIONS, { c: outside });
      expect(read.data.unitByCreditCode.petitions.totalCount).toBeGreaterThan(0);
      expect(read.data.unitByCreditCode.petitions.nodes.every((n: { summary: string }) => n.summary === '[已脱敏]')).toBe(true);
      expect(await history(id)).toEqual(['CREATE']);
    });

    it('PSEUDONYM → REDACT_TEXT hides more: accepted and recorded', async () => {
      const pseudo = await petitionGrant({ effect: 'MASK', maskStrategy: 'PSEUDONYM', scopeKind: 'LISTED_UNITS', unitCreditCodes: [outside] });
      const res = await gql(hub.url, admin, NARROW, { id: pseudo, i: { maskStrategy: 'REDACT_TEXT' } });
      expect(res.data.narrowGrant).toMatchObject({ effect: 'MASK', maskStrategy: 'REDACT_TEXT' });
      expect(await history(pseudo)).toEqual(['CREATE', 'NARROW']);
    });
  });

  describe('a strategy must fit the field it masks', () => {
    it.each([
      ['Petition', 'summary', 'MOBILE'],
      ['Petition', 'summary', 'RESIDENT_ID'],
      ['PublicOpinionItem', 'title', 'CHINESE_NAME'],
      ['Petition', 'conclusion', 'AMOUNT_BUCKET'],
      ['Petition', 'summary', 'DATE_YEAR'],
    ])('%s.%s (free text) refuses %s', async (typeName, field, strategy) => {
      const before = (await sql('access', 'SELECT count(*)::int AS n FROM access."grant"'))[0].n;
      const res = await gql(hub.url, admin, CREATE, {
        i: { subjectKind: 'AGENCY', subjectValue: gaj, typeName, fields: [field], effect: 'MASK', maskStrategy: strategy, scopeKind: 'ALL_UNITS', unitCreditCodes: [], purpose: '脱敏测试：不适用的方式' },
      });
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(message(res)).toContain(`${strategy} cannot mask ${typeName}.${field}`);
      expect((await sql('access', 'SELECT count(*)::int AS n FROM access."grant"'))[0].n).toBe(before);
    });

    it('free text takes REDACT_TEXT or PSEUDONYM; amounts take AMOUNT_BUCKET', async () => {
      for (const [typeName, field, maskStrategy] of [
        ['Petition', 'summary', 'REDACT_TEXT'],
        ['Petition', 'summary', 'PSEUDONYM'],
        ['AuditFinding', 'amount', 'AMOUNT_BUCKET'],
      ]) {
        const res = await gql(hub.url, admin, CREATE, {
          i: { subjectKind: 'AGENCY', subjectValue: gaj, typeName, fields: [field], effect: 'MASK', maskStrategy, scopeKind: 'ALL_UNITS', unitCreditCodes: [], purpose: '脱敏测试：适用的方式' },
        });
        expect({ typeName, field, maskStrategy, errors: res.errors }).toEqual({ typeName, field, maskStrategy, errors: undefined });
      }
    });
  });
});
