import { creditCodeCheckChar, residentIdCheckChar } from '../src/common/codes';
import { codes, gql, startTestHub, type TestHub } from './support/hub';

const PUBLISH_UNITS = `mutation($records: [UnitInput!]!, $batchKey: String) {
  publishUnits(records: $records, batchKey: $batchKey) { batchKey received created updated unchanged replayed }
}`;
const PUBLISH_CADRES = `mutation($records: [CadreInput!]!, $batchKey: String) {
  publishCadres(records: $records, batchKey: $batchKey) { received created updated unchanged replayed }
}`;

const code = (serial: number) => {
  const first17 = `11990102${String(serial).padStart(9, '0')}`;
  return first17 + creditCodeCheckChar(first17);
};
const rid = (serial: string) => {
  const first17 = `990102198503${serial.padStart(5, '0')}`;
  return first17 + residentIdCheckChar(first17);
};

describe('publishing (organization subgraph, through the gateway)', () => {
  let hub: TestHub;
  let zzb: string;
  beforeAll(async () => {
    hub = await startTestHub();
    zzb = await hub.token('zzb-system');
  });
  afterAll(() => hub?.stop());

  const unit = (n: number, extra: Record<string, unknown> = {}) => ({
    externalId: `T-UNIT-${n}`,
    creditCode: code(7000 + n),
    name: `测试单位${n}`,
    kind: 'PUBLIC_INSTITUTION',
    regionCode: '990102',
    authorisedHeadcount: 30,
    actualHeadcount: 28,
    ...extra,
  });

  it('creates records, then a retry with the same batch key changes nothing and says so', async () => {
    const records = [unit(1), unit(2)];
    const first = await gql(hub.url, zzb, PUBLISH_UNITS, { records, batchKey: 'zzb-2026-11-22-a' });
    expect(first.errors).toBeUndefined();
    expect(first.data.publishUnits).toEqual({ batchKey: 'zzb-2026-11-22-a', received: 2, created: 2, updated: 0, unchanged: 0, replayed: false });

    const retry = await gql(hub.url, zzb, PUBLISH_UNITS, { records, batchKey: 'zzb-2026-11-22-a' });
    expect(retry.data.publishUnits).toMatchObject({ created: 2, replayed: true });

    // Same records under a new key (e.g. a nightly full export): nothing changes either.
    const again = await gql(hub.url, zzb, PUBLISH_UNITS, { records, batchKey: 'zzb-2026-11-22-b' });
    expect(again.data.publishUnits).toMatchObject({ created: 0, updated: 0, unchanged: 2, replayed: false });

    const [{ n }] = await hub.sources.get('organization')!.query(`SELECT count(*)::int AS n FROM organization.inspected_unit WHERE external_id LIKE 'T-UNIT-%'`);
    expect(n).toBe(2);
  });

  it('updates a changed record by external id and reuses nothing else', async () => {
    const res = await gql(hub.url, zzb, PUBLISH_UNITS, { records: [unit(1, { actualHeadcount: 31 }), unit(2)] });
    expect(res.data.publishUnits).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const found = await gql(hub.url, zzb, `query($c: String!) { unitByCreditCode(creditCode: $c) { actualHeadcount } }`, { c: unit(1).creditCode });
    expect(found.data.unitByCreditCode.actualHeadcount).toBe(31);
  });

  it('refuses a reused batch key with different content', async () => {
    const res = await gql(hub.url, zzb, PUBLISH_UNITS, { records: [unit(9)], batchKey: 'zzb-2026-11-22-a' });
    expect(codes(res)).toEqual(['CONFLICT']);
  });

  it('rejects a whole batch when one record is invalid, naming record and field, and writes nothing', async () => {
    const good4 = code(7004);
    const bad = unit(4, { creditCode: good4.slice(0, 17) + (good4[17] === 'Y' ? '0' : 'Y') });
    const records = [unit(3), bad, unit(5, { regionCode: '123456' })];
    const res = await gql(hub.url, zzb, PUBLISH_UNITS, { records, batchKey: 'zzb-bad-batch' });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const errs = res.errors![0].extensions!.recordErrors;
    expect(errs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 1, externalId: 'T-UNIT-4', field: 'creditCode', message: expect.stringContaining('check character') }),
        expect.objectContaining({ index: 2, externalId: 'T-UNIT-5', field: 'regionCode' }),
      ]),
    );
    expect(errs.some((e: { index: number }) => e.index === 0)).toBe(false);
    const [{ n }] = await hub.sources.get('organization')!.query(`SELECT count(*)::int AS n FROM organization.inspected_unit WHERE external_id = 'T-UNIT-3'`);
    expect(n).toBe(0);
    // The key of a rejected batch is not burnt: the corrected batch may use it.
    const fixed = await gql(hub.url, zzb, PUBLISH_UNITS, { records: [unit(3)], batchKey: 'zzb-bad-batch' });
    expect(fixed.data.publishUnits).toMatchObject({ created: 1, replayed: false });
  });

  it('rolls back rows already written when a check inside the transaction fails', async () => {
    const res = await gql(hub.url, zzb, PUBLISH_UNITS, { records: [unit(6), unit(7, { parentCreditCode: code(999999) })] });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].extensions!.recordErrors[0]).toMatchObject({ index: 1, field: 'parentCreditCode' });
    const [{ n }] = await hub.sources.get('organization')!.query(`SELECT count(*)::int AS n FROM organization.inspected_unit WHERE external_id = 'T-UNIT-6'`);
    expect(n).toBe(0);
  });

  it('validates resident ID numbers (check digit and birth date) and nested career history', async () => {
    const good = rid('12345');
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const cadre = (externalId: string, residentId: string, extra: Record<string, unknown> = {}) => ({
      externalId,
      name: '测试干部',
      residentId,
      unitCreditCode: unit(1).creditCode,
      post: '副主任',
      leadershipMember: true,
      careerHistory: [{ unitCreditCode: unit(2).creditCode, unitName: '测试单位2', post: '科员', startDate: '2010-01-01', endDate: '2015-06-30' }],
      ...extra,
    });
    const res = await gql(hub.url, zzb, PUBLISH_CADRES, {
      records: [
        cadre('T-C-1', good),
        cadre('T-C-2', wrongCheck),
        cadre('T-C-3', '990102198502301234'),
        cadre('T-C-4', rid('22222'), { careerHistory: [{ unitCreditCode: 'BAD', unitName: 'x', post: 'y', startDate: '2015-01-01', endDate: '2014-01-01' }] }),
      ],
    });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const fields = res.errors![0].extensions!.recordErrors.map((e: { index: number; field: string }) => `${e.index}:${e.field}`);
    expect(fields).toEqual(expect.arrayContaining(['1:residentId', '2:residentId', '3:careerHistory[0].unitCreditCode', '3:careerHistory[0].endDate']));
    expect(fields.some((f: string) => f.startsWith('0:'))).toBe(false);

    const ok = await gql(hub.url, zzb, PUBLISH_CADRES, { records: [cadre('T-C-1', good)], batchKey: 'cadres-1' });
    expect(ok.data.publishCadres).toMatchObject({ created: 1 });
    const same = await gql(hub.url, zzb, PUBLISH_CADRES, { records: [cadre('T-C-1', good)] });
    expect(same.data.publishCadres).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    const moved = await gql(hub.url, zzb, PUBLISH_CADRES, {
      records: [cadre('T-C-1', good, { careerHistory: [{ unitCreditCode: unit(2).creditCode, unitName: '测试单位2', post: '副科长', startDate: '2010-01-01' }] })],
    });
    expect(moved.data.publishCadres).toMatchObject({ updated: 1 });
    const [{ posts }] = await hub.sources.get('organization')!.query(
      `SELECT array_agg(p.post) AS posts FROM organization.cadre_posting p JOIN organization.cadre c ON c.id = p.cadre_id WHERE c.external_id = 'T-C-1'`,
    );
    expect(posts).toEqual(['副科长']);
  });

  it('counts parent changes, clears a removed parent, and refuses cycles and duplicate credit codes', async () => {
    const parent = unit(20);
    const child = unit(21, { parentCreditCode: parent.creditCode });
    const first = await gql(hub.url, zzb, PUBLISH_UNITS, { records: [child, parent] });
    expect(first.data.publishUnits).toMatchObject({ created: 2 });
    const parentOf = async (n: number) =>
      (await hub.sources.get('organization')!.query(
        `SELECT p.credit_code FROM organization.inspected_unit u LEFT JOIN organization.inspected_unit p ON p.id = u.parent_unit_id WHERE u.external_id = $1`,
        [`T-UNIT-${n}`],
      ))[0].credit_code;
    expect(await parentOf(21)).toBe(parent.creditCode);

    const cleared = await gql(hub.url, zzb, PUBLISH_UNITS, { records: [unit(21)] });
    expect(cleared.data.publishUnits).toMatchObject({ updated: 1, unchanged: 0 });
    expect(await parentOf(21)).toBeNull();

    const cycle = await gql(hub.url, zzb, PUBLISH_UNITS, { records: [unit(20, { parentCreditCode: unit(21).creditCode }), unit(21, { parentCreditCode: parent.creditCode })] });
    expect(codes(cycle)).toEqual(['BAD_USER_INPUT']);
    expect(cycle.errors![0].message).toMatch(/cycle/);
    expect(await parentOf(20)).toBeNull();

    const dupInBatch = await gql(hub.url, zzb, PUBLISH_UNITS, { records: [unit(22), { ...unit(23), creditCode: unit(22).creditCode }] });
    expect(dupInBatch.errors![0].extensions!.recordErrors).toEqual([expect.objectContaining({ index: 1, field: 'creditCode', message: expect.stringContaining('record 0') })]);
    const heldElsewhere = await gql(hub.url, zzb, PUBLISH_UNITS, { records: [{ ...unit(24), creditCode: parent.creditCode }] });
    expect(heldElsewhere.errors![0].extensions!.recordErrors).toEqual([expect.objectContaining({ index: 0, field: 'creditCode', message: expect.stringContaining('T-UNIT-20') })]);
  });

  it('measures lengths on what is stored, and treats an explicit null like an absent field on retry', async () => {
    const padded = await gql(hub.url, zzb, PUBLISH_UNITS, { records: [unit(30, { name: `${' '.repeat(10)}${'单'.repeat(195)}` })] });
    expect(padded.errors![0].extensions!.recordErrors).toEqual([expect.objectContaining({ field: 'name', message: expect.stringContaining('at most 200') })]);
    const absent = await gql(hub.url, zzb, PUBLISH_UNITS, { records: [unit(31)], batchKey: 'zzb-null-vs-absent' });
    expect(absent.data.publishUnits.created).toBe(1);
    const withNull = await gql(hub.url, zzb, PUBLISH_UNITS, { records: [{ ...unit(31), parentCreditCode: null }], batchKey: 'zzb-null-vs-absent' });
    expect(withNull.data.publishUnits).toMatchObject({ replayed: true });
  });

  it('refuses principals of another agency, and officers without a publishing role', async () => {
    for (const login of ['xfj-system', 'jw-officer', 'admin', 'xcb-office']) {
      const res = await gql(hub.url, await hub.token(login), PUBLISH_UNITS, { records: [unit(8)] });
      expect({ login, codes: codes(res) }).toEqual({ login, codes: ['FORBIDDEN'] });
    }
    const [{ n }] = await hub.sources.get('organization')!.query(`SELECT count(*)::int AS n FROM organization.inspected_unit WHERE external_id = 'T-UNIT-8'`);
    expect(n).toBe(0);
  });

  it('accepts an agency system by API key', async () => {
    const keys = JSON.parse(require('node:fs').readFileSync(require('node:path').join(hub.config.dataDir, 'demo-api-keys.json'), 'utf8'));
    const res = await gql(hub.url, `ApiKey ${keys['zzb-system']}`, PUBLISH_UNITS, { records: [unit(10)] });
    expect(res.data.publishUnits).toMatchObject({ created: 1 });
    const wrong = await gql(hub.url, `ApiKey ${keys['zzb-system']}x`, PUBLISH_UNITS, { records: [unit(10)] });
    expect(wrong.status).toBe(401);
    expect(codes(wrong)).toEqual(['UNAUTHENTICATED']);
  });
});
