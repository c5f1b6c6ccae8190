import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { creditCodeCheckChar, residentIdCheckChar } from '../src/common/codes';
import { type GqlResult, type TestHub, agencyId, codes, gql, grant, startTestHub } from './support/hub';
import { denials } from './support/denials';

const PUBLISH = `mutation($records: [AuditProjectInput!]!, $batchKey: String) {
  publishAuditProjects(records: $records, batchKey: $batchKey) { batchKey received created updated unchanged replayed }
}`;

const code = (serial: number) => {
  const first17 = `11990102${String(serial).padStart(9, '0')}`;
  return first17 + creditCodeCheckChar(first17);
};
const rid = (serial: string) => {
  const first17 = `990102197806${serial.padStart(5, '0')}`;
  return first17 + residentIdCheckChar(first17);
};

/** Yuan strings to cents, exactly (amounts go past what a double holds to the cent). */
const cents = (amount: string) => {
  const [whole, frac = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'));
};
const yuan = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;

const UNIT = code(8801);
const BIG = '12345678901.23';

describe('audit subgraph (through the gateway)', () => {
  let hub: TestHub;
  let sj: string; // audit bureau system: publishes
  let sjOfficer: string; // audit bureau officer: reads as the owner
  let xcb: string; // inspection office: another agency
  let cadreId: string;
  // Seeding writes demo API keys into the data directory: ours must not overwrite those of a hub running beside it.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hub-audit-test-'));

  const finding = (extra: Record<string, unknown> = {}) => ({
    category: 'FUND_MISUSE',
    description: '挤占挪用专项资金用于弥补日常公用经费',
    amount: '1000.00',
    severity: 'MEDIUM',
    rectificationStatus: 'RECTIFIED',
    ...extra,
  });
  const project = (n: number, extra: Record<string, unknown> = {}) => ({
    externalId: `T-SJ-${n}`,
    title: `测试审计项目${n}`,
    kind: 'BUDGET_EXECUTION',
    periodStart: '2023-01-01',
    periodEnd: '2023-12-31',
    reportDate: `2024-0${n}-15`,
    auditedUnitCreditCode: UNIT,
    findings: [finding()],
    ...extra,
  });
  // The fixture after the first two tests: 3 projects, 4 findings, 2 rectified.
  const p1 = () =>
    project(1, {
      kind: 'ECONOMIC_RESPONSIBILITY',
      auditedCadreId: cadreId,
      findings: [
        finding({ amount: BIG }),
        finding({ category: 'PERFORMANCE', description: '项目建成后长期闲置', amount: null, rectificationStatus: 'NOT_STARTED' }),
        finding({ category: 'ASSET_LOSS', description: '固定资产账实不符', amount: '0.05', severity: 'HIGH', rectificationStatus: 'IN_PROGRESS' }),
      ],
    });
  const p2 = () => project(2, { findings: [finding({ category: 'BUDGET_VIOLATION', amount: '1000' })] });
  const p3 = () => project(3, { kind: 'SPECIAL_FUND', findings: [finding({ category: 'IRREGULAR_PROCUREMENT', amount: '250000.50', rectificationStatus: 'NOT_STARTED' })] });
  const TOTAL = yuan(cents(BIG) + cents('1000') + cents('250000.50'));

  const count = async (sql: string) => {
    const [{ n }] = await hub.sources.get('audit')!.query(sql);
    return n as number;
  };

  beforeAll(async () => {
    hub = await startTestHub({ config: { dataDir } });
    [sj, sjOfficer, xcb] = await Promise.all(['sj-system', 'sj-officer', 'xcb-office'].map((l) => hub.token(l)));
    // A unit and cadre of our own, so the figures below are exactly what this file publishes.
    const zzb = await hub.token('zzb-system');
    const unit = await gql(hub.url, zzb, `mutation($r: [UnitInput!]!) { publishUnits(records: $r) { created } }`, {
      r: [{ externalId: 'T-SJ-UNIT', creditCode: UNIT, name: '测试审计单位', kind: 'PUBLIC_INSTITUTION', regionCode: '990102' }],
    });
    expect(unit.errors).toBeUndefined();
    const cadre = await gql(hub.url, zzb, `mutation($r: [CadreInput!]!) { publishCadres(records: $r) { created } }`, {
      r: [{ externalId: 'T-SJ-CADRE', name: '测试干部', residentId: rid('15501'), unitCreditCode: UNIT, post: '主任', leadershipMember: true }],
    });
    expect(cadre.errors).toBeUndefined();
    [{ id: cadreId }] = await hub.sources.get('organization')!.query(`SELECT id FROM organization.cadre WHERE external_id = 'T-SJ-CADRE'`);
  });
  afterAll(async () => {
    await hub?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('publishes projects with their findings; a retried batch is replayed, the same records under a new key change nothing', async () => {
    const records = [p1(), p2(), p3()];
    const first = await gql(hub.url, sj, PUBLISH, { records, batchKey: 'sj-2026-11-22-a' });
    expect(first.errors).toBeUndefined();
    expect(first.data.publishAuditProjects).toEqual({ batchKey: 'sj-2026-11-22-a', received: 3, created: 3, updated: 0, unchanged: 0, replayed: false });

    const retry = await gql(hub.url, sj, PUBLISH, { records, batchKey: 'sj-2026-11-22-a' });
    expect(retry.data.publishAuditProjects).toMatchObject({ created: 3, replayed: true });

    const again = await gql(hub.url, sj, PUBLISH, { records, batchKey: 'sj-2026-11-22-b' });
    expect(again.data.publishAuditProjects).toMatchObject({ created: 0, updated: 0, unchanged: 3, replayed: false });

    expect(await count(`SELECT count(*)::int AS n FROM audit.audit_project WHERE external_id LIKE 'T-SJ-%'`)).toBe(3);
    expect(await count(`SELECT count(*)::int AS n FROM audit.audit_finding f JOIN audit.audit_project p ON p.id = f.project_id WHERE p.external_id LIKE 'T-SJ-%'`)).toBe(5);
  });

  it('returns amounts exactly as published, and a corrected project keeps the ids of the findings it keeps', async () => {
    const [{ id }] = await hub.sources.get('audit')!.query(`SELECT id FROM audit.audit_project WHERE external_id = 'T-SJ-1'`);
    const Q = `query($id: UUID!) { auditProject(id: $id) { title kind periodStart periodEnd reportDate auditedUnit { creditCode name }
      findings { id category amount rectificationStatus } } }`;
    const before = await gql(hub.url, sjOfficer, Q, { id });
    expect(before.errors).toBeUndefined();
    const p = before.data.auditProject;
    expect(p).toMatchObject({ title: '测试审计项目1', kind: 'ECONOMIC_RESPONSIBILITY', periodStart: '2023-01-01', periodEnd: '2023-12-31', reportDate: '2024-01-15' });
    // The unit's name comes from organization: the reference crossed subgraphs.
    expect(p.auditedUnit).toEqual({ creditCode: UNIT, name: '测试审计单位' });
    expect(p.findings.map((f: { amount: string | null }) => f.amount)).toEqual([BIG, null, '0.05']);

    const corrected = p1();
    corrected.findings = [corrected.findings[0], { ...corrected.findings[1], rectificationStatus: 'IN_PROGRESS' }];
    const res = await gql(hub.url, sj, PUBLISH, { records: [corrected, p2(), p3()] });
    expect(res.data.publishAuditProjects).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const after = (await gql(hub.url, sjOfficer, Q, { id })).data.auditProject.findings;
    expect(after.map((f: { id: string }) => f.id)).toEqual(p.findings.slice(0, 2).map((f: { id: string }) => f.id));
    expect(after.map((f: { rectificationStatus: string }) => f.rectificationStatus)).toEqual(['RECTIFIED', 'IN_PROGRESS']);

    // "1000" is stored as numeric(15,2) and answered as the exact string.
    const [{ amount }] = await hub.sources.get('audit')!.query(
      `SELECT f.amount FROM audit.audit_finding f JOIN audit.audit_project p ON p.id = f.project_id WHERE p.external_id = 'T-SJ-2'`,
    );
    expect(amount).toBe('1000.00');

    expect(codes(await gql(hub.url, sjOfficer, Q, { id: 'not-an-id' }))).toEqual(['BAD_USER_INPUT']);
    const none = await gql(hub.url, sjOfficer, Q, { id: '00000000-0000-4000-8000-000000000000' });
    expect(none.errors).toBeUndefined();
    expect(none.data.auditProject).toBeNull();
  });

  it('rejects a whole batch when records are invalid, naming each record and field, and writes nothing', async () => {
    const badCode = UNIT.slice(0, 17) + (UNIT[17] === 'Y' ? '0' : 'Y');
    const records = [
      project(4),
      project(5, { kind: 'DEPARTURE', periodStart: '2023-06-01', periodEnd: '2023-01-31', auditedUnitCreditCode: badCode }),
      project(6, {
        kind: 'ECONOMIC_RESPONSIBILITY',
        auditedCadreId: '00000000-0000-4000-8000-000000000000', // no such cadre
        reportDate: '2099-01-01',
        findings: [finding({ description: '  ' }), finding({ amount: '-5.00' })],
      }),
    ];
    const res = await gql(hub.url, sj, PUBLISH, { records, batchKey: 'sj-bad' });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const fields = res.errors![0].extensions!.recordErrors.map((e: { index: number; field: string }) => `${e.index}:${e.field}`);
    expect(fields.sort()).toEqual(
      [
        '1:periodEnd',
        '1:auditedUnitCreditCode',
        '1:auditedCadreId',
        '2:reportDate',
        '2:auditedCadreId',
        '2:findings[0].description',
        '2:findings[1].amount',
      ].sort(),
    );
    expect(res.errors![0].extensions!.recordErrors).toContainEqual(expect.objectContaining({ index: 1, externalId: 'T-SJ-5', field: 'auditedUnitCreditCode', message: expect.stringContaining('check character') }));
    expect(await count(`SELECT count(*)::int AS n FROM audit.audit_project WHERE external_id IN ('T-SJ-4', 'T-SJ-5', 'T-SJ-6')`)).toBe(0);

    // More than 2 decimals never reaches the resolver: the Decimal scalar refuses it.
    const cents3 = await gql(hub.url, sj, PUBLISH, { records: [project(4, { findings: [finding({ amount: '10.005' })] })] });
    expect(cents3.errors?.length).toBeGreaterThan(0);
    expect(cents3.data?.publishAuditProjects ?? null).toBeNull();
    expect(await count(`SELECT count(*)::int AS n FROM audit.audit_project WHERE external_id = 'T-SJ-4'`)).toBe(0);
  });

  it('refuses publishers from other agencies', async () => {
    for (const login of ['xcb-system', 'jw-officer', 'czj-system', 'xcb-office', 'admin']) {
      const res = await gql(hub.url, await hub.token(login), PUBLISH, { records: [project(7)] });
      expect({ login, codes: codes(res) }).toEqual({ login, codes: ['FORBIDDEN'] });
    }
    expect(await count(`SELECT count(*)::int AS n FROM audit.audit_project WHERE external_id = 'T-SJ-7'`)).toBe(0);
  });

  const DOSSIER = `query($c: String!) { unitByCreditCode(creditCode: $c) {
    name
    auditStats { findings rectified totalAmount }
    auditProjects(first: 10) { totalCount nodes { title kind reportDate auditedCadre { id name } findings { category severity description amount } } }
    leadershipTeam { name auditProjects { title } }
  } }`;

  it('shows CONDITIONAL fields to the audit bureau, and to other agencies null + FORBIDDEN with everything else intact', async () => {
    const own = await gql(hub.url, sjOfficer, DOSSIER, { c: UNIT });
    expect(own.errors).toBeUndefined();
    const u = own.data.unitByCreditCode;
    expect(u.auditStats).toEqual({ findings: 4, rectified: 2, totalAmount: TOTAL });
    const audited = u.auditProjects.nodes.find((p: { kind: string }) => p.kind === 'ECONOMIC_RESPONSIBILITY');
    expect(audited.auditedCadre).toEqual({ id: cadreId, name: '测试干部' });
    expect(audited.findings[0]).toMatchObject({ amount: BIG, description: '挤占挪用专项资金用于弥补日常公用经费' });
    expect(u.leadershipTeam).toEqual([{ name: '测试干部', auditProjects: [{ title: '测试审计项目1' }] }]);

    // An agency holding no grant on audit data sees none of it, not even in the statistics.
    const gaj = await hub.token('gaj-officer');
    const none = (await gql(hub.url, gaj, DOSSIER, { c: UNIT })).data.unitByCreditCode;
    expect(none.auditStats).toEqual({ findings: 0, rectified: 0, totalAmount: null });
    expect(none.auditProjects.totalCount).toBe(0);
    // Granted the records of this unit with titles and amounts masked, it sees that they exist, and no more.
    const gajAgency = await agencyId(hub, 'gaj');
    await grant(hub, { subjectKind: 'AGENCY', subjectValue: gajAgency, typeName: 'AuditProject', fields: ['title'], effect: 'MASK', scopeKind: 'LISTED_UNITS', unitCreditCodes: [UNIT] });
    await grant(hub, { subjectKind: 'AGENCY', subjectValue: gajAgency, typeName: 'AuditFinding', fields: ['amount'], effect: 'MASK', maskStrategy: 'AMOUNT_BUCKET', scopeKind: 'LISTED_UNITS', unitCreditCodes: [UNIT] });
    const other = await gql(hub.url, gaj, DOSSIER, { c: UNIT });
    const v = other.data.unitByCreditCode;
    expect(v.name).toBe('测试审计单位');
    expect(v.auditStats).toEqual({ findings: 4, rectified: 2, totalAmount: null });
    expect(v.auditProjects.totalCount).toBe(3);
    for (const p of v.auditProjects.nodes) {
      // Titles of economic-responsibility audits name the cadre, so they are CONDITIONAL too; masked by default.
      expect(p.title).toBe('[已脱敏]');
      expect(p.auditedCadre).toBeNull();
      for (const f of p.findings) {
        expect(f).toMatchObject({ category: expect.any(String), severity: expect.any(String), description: null });
        if (f.amount !== null) expect(f.amount).toMatch(/^(<1万|1万-10万|10万-100万|100万-1000万|1000万-1亿|≥1亿)$/);
      }
    }
    expect(v.auditProjects.nodes.flatMap((p: any) => p.findings).some((f: any) => f.amount !== null)).toBe(true);
    expect(v.leadershipTeam).toEqual([{ name: '测试干部', auditProjects: null }]);
    expect(new Set(codes(other))).toEqual(new Set(['FORBIDDEN']));
    // One error per denied field path (list indices collapsed), counting the records it nulled.
    const findings = v.auditProjects.nodes.flatMap((p: any) => p.findings).length;
    expect(denials(other)).toEqual({
      'unitByCreditCode.auditStats.totalAmount': 1,
      'unitByCreditCode.auditProjects.nodes.*.auditedCadre': 3,
      'unitByCreditCode.auditProjects.nodes.*.findings.*.description': findings,
      'unitByCreditCode.leadershipTeam.*.auditProjects': 1,
    });
  });

  it('pages projects and findings newest report first, with cursors and totals, and refuses pages above the maximum', async () => {
    const Q = `query($c: String!, $first: Int, $after: String) { unitByCreditCode(creditCode: $c) {
      auditProjects(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { title reportDate } }
      auditFindings(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } }
    } }`;
    const page1 = (await gql(hub.url, sjOfficer, `query($c: String!) { unitByCreditCode(creditCode: $c) {
      auditProjects(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { title reportDate } } } }`, { c: UNIT })).data.unitByCreditCode.auditProjects;
    expect(page1.totalCount).toBe(3);
    expect(page1.nodes.map((p: { reportDate: string }) => p.reportDate)).toEqual(['2024-03-15', '2024-02-15']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await gql(hub.url, sjOfficer, `query($c: String!, $after: String) { unitByCreditCode(creditCode: $c) {
      auditProjects(first: 2, after: $after) { totalCount pageInfo { hasNextPage } nodes { title } } } }`, { c: UNIT, after: page1.pageInfo.endCursor })).data.unitByCreditCode.auditProjects;
    expect(page2).toEqual({ totalCount: 3, pageInfo: { hasNextPage: false }, nodes: [{ title: '测试审计项目1' }] });

    const f1 = (await gql(hub.url, sjOfficer, `query($c: String!) { unitByCreditCode(creditCode: $c) { auditFindings(first: 3) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } }`, { c: UNIT })).data
      .unitByCreditCode.auditFindings;
    const f2 = (await gql(hub.url, sjOfficer, `query($c: String!, $a: String) { unitByCreditCode(creditCode: $c) { auditFindings(first: 3, after: $a) { totalCount pageInfo { hasNextPage } nodes { id } } } }`, { c: UNIT, a: f1.pageInfo.endCursor }))
      .data.unitByCreditCode.auditFindings;
    expect([f1.totalCount, f1.pageInfo.hasNextPage, f1.nodes.length]).toEqual([4, true, 3]);
    expect([f2.totalCount, f2.pageInfo.hasNextPage, f2.nodes.length]).toEqual([4, false, 1]);
    expect(new Set([...f1.nodes, ...f2.nodes].map((n: { id: string }) => n.id)).size).toBe(4);

    const tooBig = await gql(hub.url, sjOfficer, Q, { c: UNIT, first: 101 });
    expect(codes(tooBig)).toContain('BAD_USER_INPUT');
    expect(new Set(codes(tooBig))).toEqual(new Set(['BAD_USER_INPUT']));
    expect(codes(await gql(hub.url, sjOfficer, Q, { c: UNIT, first: 2, after: 'bogus' }))).toContain('BAD_USER_INPUT');
  });

  it('filters findings by rectification status', async () => {
    const Q = `query($c: String!) { unitByCreditCode(creditCode: $c) {
      rectified: auditFindings(rectificationStatus: RECTIFIED) { totalCount nodes { rectificationStatus project { title } unit { creditCode } } }
      open: auditFindings(rectificationStatus: NOT_STARTED) { totalCount nodes { rectificationStatus project { title } } }
      doing: auditFindings(rectificationStatus: IN_PROGRESS) { totalCount }
    } }`;
    const u = (await gql(hub.url, sjOfficer, Q, { c: UNIT })).data.unitByCreditCode;
    expect(u.rectified.totalCount).toBe(2);
    expect(u.rectified.nodes.every((n: { rectificationStatus: string; unit: { creditCode: string } }) => n.rectificationStatus === 'RECTIFIED' && n.unit.creditCode === UNIT)).toBe(true);
    expect(u.open).toEqual({ totalCount: 1, nodes: [{ rectificationStatus: 'NOT_STARTED', project: { title: '测试审计项目3' } }] });
    expect(u.doing.totalCount).toBe(1);
  });

  it('computes statistics that match the rows, for the seeded units', async () => {
    // 30 units, each with all its findings (at most 2 audits of 6): within the gateway's cost limit.
    const Q = `{ units(first: 30) { nodes { creditCode
      auditStats { findings rectified totalAmount }
      all: auditFindings(first: 20) { totalCount nodes { amount rectificationStatus } }
      auditProjects(first: 1) { totalCount }
    } } }`;
    const res = await gql(hub.url, sjOfficer, Q);
    expect(res.errors).toBeUndefined();
    const units = res.data.units.nodes;
    let audited = 0;
    for (const u of units) {
      const rows = u.all.nodes as { amount: string | null; rectificationStatus: string }[];
      expect({ code: u.creditCode, findings: u.auditStats.findings }).toEqual({ code: u.creditCode, findings: u.all.totalCount });
      expect(rows.length).toBe(u.all.totalCount);
      expect(u.auditStats.rectified).toBe(rows.filter((r) => r.rectificationStatus === 'RECTIFIED').length);
      expect(u.auditStats.totalAmount).toBe(yuan(rows.reduce((s, r) => s + (r.amount ? cents(r.amount) : 0n), 0n)));
      if (u.auditProjects.totalCount > 0) {
        audited++;
        expect(u.auditStats.findings).toBeGreaterThan(0);
      }
    }
    // Demo data is realistic: some units were audited, not all.
    expect(audited).toBeGreaterThan(0);
    expect(audited).toBeLessThan(units.length);
  });

  it('answers the same query for 5 or 50 units with the same number of SQL statements', async () => {
    // Make sure the first 5 units reach every level (a project with a cadre and findings).
    const first5 = (await gql(hub.url, sjOfficer, `{ units(first: 5) { nodes { creditCode leadershipTeam { id } } } }`)).data.units.nodes;
    const target = first5.find((u: { leadershipTeam: unknown[] }) => u.leadershipTeam.length > 0);
    const res = await gql(hub.url, sj, PUBLISH, {
      records: [project(8, { kind: 'DEPARTURE', auditedCadreId: target.leadershipTeam[0].id, auditedUnitCreditCode: target.creditCode, findings: [finding(), finding({ amount: '3.10' })] })],
    });
    expect(res.errors).toBeUndefined();

    const Q = (n: number) => `{ units(first: ${n}) { nodes { name
      auditStats { findings totalAmount }
      auditProjects(first: 2) { totalCount nodes { title auditedCadre { name } findings { amount project { title } unit { name } } } }
      auditFindings(first: 2, rectificationStatus: RECTIFIED) { totalCount nodes { project { kind } } }
      leadershipTeam { auditProjects { title } }
    } } }`;
    const five = await gql(hub.url, sjOfficer, Q(5));
    const fifty = await gql(hub.url, sjOfficer, Q(50));
    expect(five.errors).toBeUndefined();
    expect(fifty.errors).toBeUndefined();
    expect(five.data.units.nodes.some((u: { auditProjects: { nodes: { auditedCadre: unknown }[] } }) => u.auditProjects.nodes.some((p) => p.auditedCadre))).toBe(true);
    expect(typeof five.extensions?.sqlStatements).toBe('number');
    expect(fifty.extensions!.sqlStatements).toBe(five.extensions!.sqlStatements);
  });
});
