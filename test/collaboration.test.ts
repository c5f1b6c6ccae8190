import { codes, gql, startTestHub, type TestHub } from './support/hub';

const SAVE = `mutation($i: CollaborationEntryInput!) { saveCollaborationEntry(input: $i) { id providerAgencyKind typeName fields notes } }`;

describe('collaboration catalogue (协作配合目录)', () => {
  let hub: TestHub;
  let admin: string;
  beforeAll(async () => {
    hub = await startTestHub();
    admin = await hub.token('admin');
  });
  afterAll(() => hub?.stop());

  it('is seeded for the 12 provider agencies and readable by every member agency', async () => {
    const res = await gql(hub.url, await hub.token('gaj-officer'), '{ collaborationCatalogue { providerAgencyKind typeName fields notes } }');
    expect(res.errors).toBeUndefined();
    const kinds = new Set(res.data.collaborationCatalogue.map((e: { providerAgencyKind: string }) => e.providerAgencyKind));
    expect(kinds.size).toBe(12);
    expect(kinds.has('INSPECTION_OFFICE')).toBe(false);
    const petitions = res.data.collaborationCatalogue.find((e: { typeName: string }) => e.typeName === 'Petition');
    expect(petitions).toMatchObject({ providerAgencyKind: 'PETITION_BUREAU', fields: ['summary', 'conclusion'] });
    const byLetter = await gql(hub.url, admin, '{ collaborationCatalogue(providerAgencyKind: COURT) { typeName notes } }');
    expect(byLetter.data.collaborationCatalogue).toEqual([{ typeName: null, notes: expect.stringContaining('诉讼') }]);
  });

  it('lets admins add, change and remove items, with the type and fields checked against the sharing declarations', async () => {
    const created = await gql(hub.url, admin, SAVE, { i: { providerAgencyKind: 'AUDIT_BUREAU', typeName: 'AuditFinding', fields: ['amount'], notes: '提供审计发现问题涉及金额' } });
    expect(created.errors).toBeUndefined();
    const id = created.data.saveCollaborationEntry.id;
    const changed = await gql(hub.url, admin, SAVE, { i: { id, providerAgencyKind: 'AUDIT_BUREAU', typeName: 'AuditFinding', fields: ['description', 'amount'], notes: '提供审计发现问题及金额' } });
    expect(changed.data.saveCollaborationEntry).toMatchObject({ id, fields: ['description', 'amount'] });

    const refused = [
      { providerAgencyKind: 'AUDIT_BUREAU', typeName: 'Petition', fields: [], notes: '审计局不提供信访件' }, // not the provider's type
      { providerAgencyKind: 'PETITION_BUREAU', typeName: 'Petition', fields: ['reporterName'], notes: '信访人姓名' }, // RESTRICTED
      { providerAgencyKind: 'PETITION_BUREAU', typeName: 'Petition', fields: ['category'], notes: '问题类别' }, // OPEN: needs no request
      { providerAgencyKind: 'PETITION_BUREAU', typeName: 'NoSuchType', fields: [], notes: '不存在的类型' },
      { providerAgencyKind: 'COURT', typeName: null, fields: ['x'], notes: '线下提供' },
      { providerAgencyKind: 'COURT', typeName: null, fields: [], notes: '短' },
      { id: 'not-a-uuid', providerAgencyKind: 'COURT', typeName: null, fields: [], notes: '通报诉讼情况' },
    ];
    for (const i of refused) expect({ i, codes: codes(await gql(hub.url, admin, SAVE, { i })) }).toEqual({ i, codes: ['BAD_USER_INPUT'] });

    const removed = await gql(hub.url, admin, 'mutation($id: UUID!) { removeCollaborationEntry(id: $id) }', { id });
    expect(removed.data.removeCollaborationEntry).toBe(true);
    const again = await gql(hub.url, admin, 'mutation($id: UUID!) { removeCollaborationEntry(id: $id) }', { id });
    expect(codes(again)).toEqual(['NOT_FOUND']);
  });

  it('refuses edits by anyone but an admin', async () => {
    for (const login of ['xcb-office', 'sj-officer', 'sj-system']) {
      const res = await gql(hub.url, await hub.token(login), SAVE, { i: { providerAgencyKind: 'AUDIT_BUREAU', typeName: null, fields: [], notes: '提供审计报告' } });
      expect({ login, codes: codes(res) }).toEqual({ login, codes: ['FORBIDDEN'] });
    }
  });
});
