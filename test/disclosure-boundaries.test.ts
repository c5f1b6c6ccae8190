import { randomUUID } from 'node:crypto';
import { codes, gql, grant, startTestHub, type GqlResult, type TestHub } from './support/hub';
import { denials } from './support/denials';

/**
 * Issue 9, leak 4: RESTRICTED inside the owning agency is for its staff where the
 * field says so (an inspector's ID number: not for the team members who share the
 * office's agency), and an officer cannot tell the ids of other agencies' grants and
 * data requests from ids that do not exist.
 */
describe('boundaries inside and between agencies (issue 9, leak 4)', () => {
  let hub: TestHub;
  const sql = (source: string, text: string, params: unknown[] = []) => hub.sources.get(source)!.query(text, params);
  const as = async (login: string, query: string, variables?: Record<string, unknown>) => gql(hub.url, await hub.token(login), query, variables);
  /** What a caller learns from a refusal: its code and its message with the id taken out. */
  const answer = (res: GqlResult, id: string) => ({ codes: codes(res), message: (res.errors ?? []).map((e) => e.message.replace(id, '<id>')).join(' | ') });

  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub?.stop());

  it("an inspector's resident ID number is read by the office's staff, not by team members of the same agency", async () => {
    const q = '{ inspectors(first: 5) { nodes { id residentId } } }';
    const stored = new Map<string, string>((await sql('inspection', 'SELECT id, resident_id FROM inspection.inspector')).map((r: { id: string; resident_id: string }) => [r.id, r.resident_id]));
    for (const login of ['xcb-office', 'xcb-officer', 'xcb-system']) {
      const res = await as(login, q);
      expect({ login, errors: res.errors }).toEqual({ login, errors: undefined });
      for (const n of res.data.inspectors.nodes) expect(n.residentId).toBe(stored.get(n.id));
    }
    for (const login of ['xcb-leader', 'xcb-member']) {
      const res = await as(login, q);
      const nodes: { id: string; residentId: string | null }[] = res.data.inspectors.nodes;
      expect(nodes).toHaveLength(5);
      expect(nodes.every((n) => n.residentId === null)).toBe(true);
      // One error per reason (recusal may be one), together counting every record.
      expect(new Set(codes(res))).toEqual(new Set(['FORBIDDEN']));
      expect(denials(res)).toEqual({ 'inspectors.nodes.*.residentId': nodes.length });
      expect(nodes.some((n) => JSON.stringify(res).includes(stored.get(n.id)!))).toBe(false);
    }
  });

  it('the catalog says which roles of the owning agency read a RESTRICTED field', async () => {
    const res = await as('gaj-officer', '{ catalog(typeName: "Inspector") { fieldName ownerRoles } }');
    expect(res.data.catalog.find((e: { fieldName: string }) => e.fieldName === 'residentId').ownerRoles).toEqual(['INSPECTION_OFFICE', 'AGENCY_OFFICER', 'AGENCY_SYSTEM']);
  });

  it('an officer gets the same answer for another agency’s grant as for an id that does not exist', async () => {
    const theirs = await grant(hub, { subjectKind: 'ROLE', subjectValue: 'AGENCY_OFFICER', typeName: 'AuditFinding', fields: ['description'], effect: 'ALLOW', scopeKind: 'ALL_UNITS', purpose: '测试：审计局的授权' });
    const unknown = randomUUID();
    const ops = [
      [`mutation($id: UUID!) { revokeGrant(id: $id) { id } }`, {}],
      [`mutation($id: UUID!, $i: NarrowGrantInput!) { narrowGrant(id: $id, input: $i) { id } }`, { i: { fields: ['description'] } }],
      [`query($id: UUID!) { grantHistory(grantId: $id) { action } }`, {}],
    ] as const;
    for (const [op, extra] of ops) {
      const existing = answer(await as('xfj-officer', op, { id: theirs, ...extra }), theirs);
      const missing = answer(await as('xfj-officer', op, { id: unknown, ...extra }), unknown);
      expect(existing).toEqual(missing);
      expect(existing.codes).toEqual(['NOT_FOUND']);
    }
    // The grant is untouched, and its owner still manages it.
    expect((await sql('access', 'SELECT revoked_at FROM access."grant" WHERE id = $1', [theirs]))[0].revoked_at).toBeNull();
    expect((await as('sj-officer', `query($id: UUID!) { grantHistory(grantId: $id) { action } }`, { id: theirs })).data.grantHistory).toEqual([{ action: 'CREATE' }]);
  });

  it('an officer gets the same answer for another agency’s data request as for an id that does not exist', async () => {
    const [theirs] = await sql('access', `SELECT r.id FROM access.data_request r JOIN access.agency a ON a.id = r.provider_agency_id WHERE a.code = 'sj' AND r.status = 'PENDING' LIMIT 1`);
    expect(theirs).toBeDefined();
    const unknown = randomUUID();
    for (const [op, extra] of [
      [`mutation($id: UUID!) { approveDataRequest(id: $id) { id } }`, {}],
      [`mutation($id: UUID!, $r: String!) { declineDataRequest(id: $id, reason: $r) { id } }`, { r: '本局不掌握相关数据' }],
    ] as const) {
      const existing = answer(await as('xfj-officer', op, { id: theirs.id, ...extra }), theirs.id);
      const missing = answer(await as('xfj-officer', op, { id: unknown, ...extra }), unknown);
      expect(existing).toEqual(missing);
      expect(existing.codes).toEqual(['NOT_FOUND']);
    }
    expect((await sql('access', 'SELECT status FROM access.data_request WHERE id = $1', [theirs.id]))[0].status).toBe('PENDING');
  });
});
