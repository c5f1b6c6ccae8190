import { creditCodeCheckChar } from '../src/common/codes';
import { PUBLISHES_TO } from '../src/subgraphs/access/publish-batches.resolver';
import { SUBGRAPHS } from '../src/subgraphs/registry';
import { codes, gql, startTestHub, type TestHub } from './support/hub';

/**
 * An agency's officers see what their own systems published (the provider's console
 * screen): accepted batches with their counts, rejected ones with their record errors;
 * nobody else's batches, and nobody outside the agency's officers and systems.
 */
describe('publish log (本单位数据发布记录)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub?.stop());

  const PUBLISH = `mutation($r: [PetitionInput!]!, $k: String) { publishPetitions(records: $r, batchKey: $k) { created } }`;
  const BATCHES = `{ publishBatches(first: 50) { kind batchKey accepted received created updated unchanged errorCount recordErrors { index externalId field message } publishedBy { login } } }`;
  const petition = (externalId: string, unitCreditCode: string) => ({
    externalId, channel: 'LETTER', receivedDate: '2026-03-02', anonymous: true, unitCreditCode, category: 'OTHER', summary: '反映某单位问题', content: '详细内容', status: 'RECEIVED',
  });

  it('lists the agency’s accepted and rejected batches, newest first, with who sent them and what was wrong', async () => {
    const system = await hub.token('xfj-system');
    const [{ code: known }] = await hub.sources.get('organization')!.query(`SELECT credit_code AS code FROM organization.inspected_unit LIMIT 1`);
    const first17 = '11990102YYYYYYYY1'.replace(/Y/g, '8');
    const unknown = first17 + creditCodeCheckChar(first17);
    const ok = await gql(hub.url, system, PUBLISH, { r: [petition('LOG-T-1', known)], k: 'log-ok-1' });
    expect(ok.data.publishPetitions.created).toBe(1);
    const bad = await gql(hub.url, system, PUBLISH, { r: [petition('LOG-T-2', known), petition('LOG-T-3', unknown)], k: 'log-bad-1' });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);

    const seen = await gql(hub.url, await hub.token('xfj-officer'), BATCHES);
    expect(seen.errors).toBeUndefined();
    const mine = seen.data.publishBatches.filter((b: { batchKey: string | null }) => b.batchKey?.startsWith('log-'));
    expect(mine).toEqual([
      {
        kind: 'petitions', batchKey: 'log-bad-1', accepted: false, received: 2, created: 0, updated: 0, unchanged: 0, errorCount: 1,
        recordErrors: [{ index: 1, externalId: 'LOG-T-3', field: 'unitCreditCode', message: expect.stringContaining(unknown) }],
        publishedBy: { login: 'xfj-system' },
      },
      { kind: 'petitions', batchKey: 'log-ok-1', accepted: true, received: 1, created: 1, updated: 0, unchanged: 0, errorCount: 0, recordErrors: [], publishedBy: { login: 'xfj-system' } },
    ]);
    // The rejected batch did not claim its key: the corrected batch goes through under it.
    const fixed = await gql(hub.url, system, PUBLISH, { r: [petition('LOG-T-2', known), petition('LOG-T-3', known)], k: 'log-bad-1' });
    expect(fixed.data.publishPetitions.created).toBe(2);
  });

  it('shows no other agency’s batches, refuses everyone but the agency’s officers and systems, and keeps the log itself internal', async () => {
    const audit = await gql(hub.url, await hub.token('sj-officer'), BATCHES);
    expect(audit.errors).toBeUndefined();
    expect(audit.data.publishBatches.filter((b: { kind: string }) => b.kind === 'petitions')).toEqual([]);
    // An agency that publishes nothing has an empty log, not an error.
    const [other] = await hub.sources.get('access')!.query(
      `SELECT p.login FROM access.principal p JOIN access.agency a ON a.id = p.agency_id WHERE a.kind = 'PUBLIC_SECURITY' AND 'AGENCY_OFFICER' = ANY(p.roles) LIMIT 1`,
    );
    expect((await gql(hub.url, await hub.token(other.login), BATCHES)).data.publishBatches).toEqual([]);
    for (const login of ['xcb-member', 'admin']) expect(codes(await gql(hub.url, await hub.token(login), BATCHES))).toEqual(['FORBIDDEN']);
    // The subgraphs' own log query is not part of the API.
    expect(codes(await gql(hub.url, await hub.token('xfj-officer'), '{ ownPublishBatches(first: 5) { id } }'))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('asks the subgraph each publishing agency owns', () => {
    const owners = Object.fromEntries(SUBGRAPHS.filter((m) => m.owner).map((m) => [m.owner, m.name]));
    expect(PUBLISHES_TO).toEqual(owners);
  });
});
