import { agencyId, codes, gql, grant, startTestHub, type TestHub } from './support/hub';

/**
 * The admin's grants screen filters by the agency owning the data, on the server: a
 * filter in the browser would have fetched every grant first. On a type several
 * agencies share (Cadre), a grant belongs to the agency whose fields it names.
 */
const GRANTS = `query($k: AgencyKind, $t: String, $r: Boolean) { grants(ownerAgencyKind: $k, typeName: $t, includeRevoked: $r) { id typeName fields revokedAt } }`;
type G = { id: string; typeName: string; fields: string[]; revokedAt: string | null };
type F = { typeName: string; fieldName: string; sensitivity: string; ownerAgencyKind: string | null };

describe('grants filtered by the agency owning the data (数据所属单位)', () => {
  let hub: TestHub;
  let catalog: F[];
  const ids: Record<string, string> = {};
  const list = async (login: string, variables: Record<string, unknown>): Promise<G[]> => {
    const res = await gql(hub.url, await hub.token(login), GRANTS, variables);
    expect(res.errors).toBeUndefined();
    return res.data.grants;
  };
  const cadreField = (kind: string) => catalog.find((f) => f.typeName === 'Cadre' && f.sensitivity === 'CONDITIONAL' && f.ownerAgencyKind === kind)!.fieldName;
  /** The rule, read off the catalogue: a grant covers the fields it names, or every shared field of its type. */
  const owners = (g: G) => new Set(catalog.filter((f) => f.typeName === g.typeName && f.sensitivity === 'CONDITIONAL' && (!g.fields.length || g.fields.includes(f.fieldName))).map((f) => f.ownerAgencyKind));

  beforeAll(async () => {
    hub = await startTestHub();
    catalog = (await gql(hub.url, await hub.token('admin'), '{ catalog { typeName fieldName sensitivity ownerAgencyKind } }')).data.catalog;
    const gaj = await agencyId(hub, 'gaj');
    const make = (typeName: string, fields: string[]) => grant(hub, { subjectKind: 'AGENCY', subjectValue: gaj, typeName, fields, effect: 'ALLOW', scopeKind: 'ALL_UNITS' });
    ids.cadreAudit = await make('Cadre', [cadreField('AUDIT_BUREAU')]);
    ids.cadreOrg = await make('Cadre', [cadreField('ORGANIZATION_DEPARTMENT')]);
    ids.cadreAll = await make('Cadre', []);
    ids.petition = await make('Petition', ['summary']);
    ids.revoked = await make('Petition', ['summary']);
    const res = await gql(hub.url, await hub.token('admin'), 'mutation($id: UUID!) { revokeGrant(id: $id) { id } }', { id: ids.revoked });
    expect(res.errors).toBeUndefined();
  });
  afterAll(() => hub?.stop());

  it('returns exactly the grants on that agency’s data, a shared type by the fields named', async () => {
    const all = await list('admin', { r: true });
    for (const kind of ['AUDIT_BUREAU', 'PETITION_BUREAU', 'ORGANIZATION_DEPARTMENT', 'DISCIPLINE_COMMISSION']) {
      const got = await list('admin', { k: kind, r: true });
      expect(got.map((g) => g.id).sort()).toEqual(all.filter((g) => owners(g).has(kind)).map((g) => g.id).sort());
    }
    const audit = (await list('admin', { k: 'AUDIT_BUREAU' })).map((g) => g.id);
    expect(audit).toEqual(expect.arrayContaining([ids.cadreAudit, ids.cadreAll]));
    expect(audit).not.toContain(ids.cadreOrg);
    expect(audit).not.toContain(ids.petition);
    const petition = (await list('admin', { k: 'PETITION_BUREAU' })).map((g) => g.id);
    expect(petition).toContain(ids.petition);
    expect(petition).not.toContain(ids.revoked); // revoked ones only when asked
    expect(petition).not.toContain(ids.cadreAudit);
    // With the type filter too; an agency owning no shared data has no grants to list.
    expect((await list('admin', { k: 'ORGANIZATION_DEPARTMENT', t: 'Cadre' })).map((g) => g.id).sort()).toEqual([ids.cadreOrg, ids.cadreAll].sort());
    expect(await list('admin', { k: 'PUBLIC_SECURITY' })).toEqual([]);
  });

  it('an officer still sees only grants on its own agency’s data, whatever agency it asks for', async () => {
    const own = (await list('xfj-officer', { k: 'PETITION_BUREAU' })).map((g) => g.id);
    expect(own).toContain(ids.petition);
    expect(await list('xfj-officer', { k: 'AUDIT_BUREAU' })).toEqual([]);
    const bad = await gql(hub.url, await hub.token('admin'), GRANTS, { k: 'NO_SUCH_AGENCY' });
    expect(bad.status).toBe(400);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
  });
});
