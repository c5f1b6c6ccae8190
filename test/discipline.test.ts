import { creditCodeCheckChar } from '../src/common/codes';
import { type GqlResult, type TestHub, agencyId, codes, gql, grant, startTestHub } from './support/hub';

const PUBLISH_CLUES = `mutation($records: [ClueInput!]!, $batchKey: String) {
  publishClues(records: $records, batchKey: $batchKey) { batchKey received created updated unchanged replayed }
}`;
const PUBLISH_SANCTIONS = `mutation($records: [SanctionInput!]!, $batchKey: String) {
  publishSanctions(records: $records, batchKey: $batchKey) { received created updated unchanged replayed }
}`;
const PUBLISH_GROUPS = `mutation($records: [StationedGroupInput!]!, $batchKey: String) {
  publishStationedGroups(records: $records, batchKey: $batchKey) { received created updated unchanged replayed }
}`;

/** A well-formed credit code of a unit the hub does not hold. */
const strayCode = (serial: number) => {
  const first17 = `11990103${String(serial).padStart(9, '0')}`;
  return first17 + creditCodeCheckChar(first17);
};
const recordErrors = (res: GqlResult) => (res.errors?.[0]?.extensions?.recordErrors ?? []) as { index: number; externalId: string; field: string; message: string }[];
const errorFields = (res: GqlResult) => recordErrors(res).map((e) => `${e.index}:${e.field}`);

type Clue = { id: string; receivedDate: string; status: string; disposalMethod: string | null; filedDate: string | null; closedDate: string | null };

describe('discipline subgraph (through the gateway)', () => {
  let hub: TestHub;
  let jw: string;
  let jwOfficer: string;
  let office: string;
  /** A seeded unit without clues or sanctions: the test's own records are all it has. */
  let unit: { creditCode: string; name: string };
  /** Two more seeded townships, for a stationed group's list. */
  let others: { creditCode: string; name: string }[];
  let cadre: { id: string; name: string };
  const discipline = () => hub.sources.get('discipline')!;

  beforeAll(async () => {
    hub = await startTestHub();
    [jw, jwOfficer, office] = await Promise.all(['jw-system', 'jw-officer', 'xcb-office'].map((l) => hub.token(l)));
    const used = new Set<string>(
      (await discipline().query('SELECT unit_credit_code AS c FROM discipline.problem_clue UNION SELECT unit_credit_code FROM discipline.sanction')).map((r: { c: string }) => r.c),
    );
    const units: { credit_code: string; name: string; id: string }[] = await hub.sources.get('organization')!.query(
      `SELECT id, credit_code, name FROM organization.inspected_unit WHERE kind = 'TOWNSHIP' ORDER BY credit_code`,
    );
    const free = units.find((u) => !used.has(u.credit_code))!;
    unit = { creditCode: free.credit_code, name: free.name };
    others = units.filter((u) => u !== free).slice(0, 2).map((u) => ({ creditCode: u.credit_code, name: u.name }));
    [cadre] = await hub.sources.get('organization')!.query('SELECT id, name FROM organization.cadre WHERE unit_id = $1 ORDER BY name LIMIT 1', [free.id]);
  });
  afterAll(() => hub?.stop());

  const clue = (n: number, extra: Record<string, unknown> = {}) => ({
    externalId: `T-XS-${n}`,
    source: 'PETITION',
    subjectUnitCreditCode: unit.creditCode,
    subjectCadreId: cadre.id,
    summary: `反映${cadre.name}违规收受礼金问题（测试${n}）`,
    details: `举报人称：测试线索${n}的详细情况`,
    receivedDate: `2025-0${n}-10`,
    disposalMethod: 'TALK_LETTER_INQUIRY',
    status: 'CLOSED',
    closedDate: `2025-0${n}-28`,
    ...extra,
  });
  // Five clues, received January to May 2025; two filed (one still open), one just received.
  const fiveClues = () => [
    clue(1),
    clue(2, { disposalMethod: 'PRELIMINARY_VERIFICATION', filedDate: '2025-02-20', closedDate: '2025-06-30' }),
    clue(3, { disposalMethod: 'PRELIMINARY_VERIFICATION', status: 'FILED', filedDate: '2025-04-01', closedDate: null }),
    clue(4, { disposalMethod: 'SHELVE', status: 'DISPOSING', closedDate: null }),
    clue(5, { disposalMethod: null, status: 'RECEIVED', closedDate: null, subjectCadreId: null }),
  ];

  it('publishes clues once: a retried batch key replays, the same records under a new key change nothing', async () => {
    const first = await gql(hub.url, jw, PUBLISH_CLUES, { records: fiveClues(), batchKey: 'jw-clues-1' });
    expect(first.errors).toBeUndefined();
    expect(first.data.publishClues).toEqual({ batchKey: 'jw-clues-1', received: 5, created: 5, updated: 0, unchanged: 0, replayed: false });
    const retry = await gql(hub.url, jw, PUBLISH_CLUES, { records: fiveClues(), batchKey: 'jw-clues-1' });
    expect(retry.data.publishClues).toMatchObject({ created: 5, replayed: true });
    const again = await gql(hub.url, jwOfficer, PUBLISH_CLUES, { records: fiveClues(), batchKey: 'jw-clues-2' });
    expect(again.data.publishClues).toMatchObject({ created: 0, updated: 0, unchanged: 5, replayed: false });
    const [{ n }] = await discipline().query(`SELECT count(*)::int AS n FROM discipline.problem_clue WHERE external_id LIKE 'T-XS-%'`);
    expect(n).toBe(5);
  });

  it('rejects a whole clue batch when any record is inconsistent, naming record and field', async () => {
    const code = strayCode(1);
    const badCheck = code.slice(0, 17) + (code[17] === 'Y' ? '0' : 'Y');
    const res = await gql(hub.url, jw, PUBLISH_CLUES, {
      records: [
        clue(6),
        clue(7, { subjectUnitCreditCode: badCheck }),
        clue(8, { status: 'FILED', closedDate: null }),
        clue(9, { filedDate: '2025-09-20', closedDate: '2025-09-01', disposalMethod: 'PRELIMINARY_VERIFICATION' }),
        clue(6, { externalId: 'T-XS-10', status: 'DISPOSING', disposalMethod: null, closedDate: null }),
        clue(6, { externalId: 'T-XS-11', receivedDate: '2099-01-01', status: 'DISPOSING', closedDate: null, subjectCadreId: '00000000-0000-4000-8000-000000000000' }), // no such cadre
        clue(6, { externalId: 'T-XS-12', status: 'DISPOSING' }),
        clue(6, { externalId: 'T-XS-13', summary: ' ' }),
      ],
    });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(errorFields(res).sort()).toEqual(
      [
        '1:subjectUnitCreditCode',
        '2:filedDate',
        '3:closedDate',
        '4:disposalMethod',
        '5:receivedDate',
        '5:subjectCadreId',
        '6:closedDate',
        '7:summary',
      ].sort(),
    );
    expect(recordErrors(res).find((e) => e.index === 1)).toMatchObject({ externalId: 'T-XS-7', message: expect.stringContaining('check character') });
    const [{ n }] = await discipline().query(`SELECT count(*)::int AS n FROM discipline.problem_clue WHERE external_id = 'T-XS-6'`);
    expect(n).toBe(0);
  });

  it('refuses publishing by any principal outside the discipline commission', async () => {
    for (const login of ['xcb-office', 'xfj-system', 'sj-officer', 'zzb-system', 'admin']) {
      const token = await hub.token(login);
      const res = await gql(hub.url, token, PUBLISH_CLUES, { records: [clue(6)] });
      expect({ login, codes: codes(res) }).toEqual({ login, codes: ['FORBIDDEN'] });
      const groups = await gql(hub.url, token, PUBLISH_GROUPS, { records: [{ externalId: 'T-PZZ-X', name: 'x', leaderName: 'y', supervisedUnitCreditCodes: [unit.creditCode] }] });
      expect({ login, codes: codes(groups) }).toEqual({ login, codes: ['FORBIDDEN'] });
    }
    const [{ n }] = await discipline().query(`SELECT count(*)::int AS n FROM discipline.problem_clue WHERE external_id = 'T-XS-6'`);
    expect(n).toBe(0);
  });

  it('pages a unit’s clues newest received first, with cursors, totals, filters and a page-size limit', async () => {
    const q = `query($code: String!, $first: Int, $after: String, $status: ClueStatus, $from: Date, $to: Date) {
      unitByCreditCode(creditCode: $code) {
        name
        clues(first: $first, after: $after, status: $status, from: $from, to: $to) {
          totalCount pageInfo { hasNextPage endCursor } nodes { id receivedDate status disposalMethod filedDate closedDate }
        }
      }
    }`;
    const page = async (vars: Record<string, unknown>) => {
      const res = await gql(hub.url, office, q, { code: unit.creditCode, ...vars });
      expect(res.errors).toBeUndefined();
      return res.data.unitByCreditCode.clues as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Clue[] };
    };
    const p1 = await page({ first: 2 });
    expect(p1.totalCount).toBe(5);
    expect(p1.nodes.map((c) => c.receivedDate)).toEqual(['2025-05-10', '2025-04-10']);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = await page({ first: 2, after: p1.pageInfo.endCursor });
    expect(p2.nodes.map((c) => c.receivedDate)).toEqual(['2025-03-10', '2025-02-10']);
    expect(p2.totalCount).toBe(5);
    const p3 = await page({ first: 2, after: p2.pageInfo.endCursor });
    expect(p3.nodes.map((c) => c.receivedDate)).toEqual(['2025-01-10']);
    expect(p3.pageInfo.hasNextPage).toBe(false);
    expect(new Set([...p1.nodes, ...p2.nodes, ...p3.nodes].map((c) => c.id)).size).toBe(5);

    const closed = await page({ status: 'CLOSED' });
    expect(closed.totalCount).toBe(2);
    expect(closed.nodes.every((c) => c.status === 'CLOSED' && c.closedDate)).toBe(true);
    const spring = await page({ from: '2025-02-01', to: '2025-04-10' });
    expect(spring.nodes.map((c) => c.receivedDate)).toEqual(['2025-04-10', '2025-03-10', '2025-02-10']);
    const filedOpen = await page({ status: 'FILED', from: '2025-03-01' });
    expect(filedOpen.nodes).toEqual([expect.objectContaining({ receivedDate: '2025-03-10', filedDate: '2025-04-01', closedDate: null })]);

    // Differently filtered lists in one request must not share a batch.
    const aliased = await gql(
      hub.url,
      office,
      `query($code: String!) { unitByCreditCode(creditCode: $code) {
        all: clues { totalCount } closed: clues(status: CLOSED) { totalCount } recent: clues(first: 1, from: "2025-04-01") { totalCount nodes { receivedDate } }
      } }`,
      { code: unit.creditCode },
    );
    expect(aliased.data.unitByCreditCode).toEqual({ all: { totalCount: 5 }, closed: { totalCount: 2 }, recent: { totalCount: 2, nodes: [{ receivedDate: '2025-05-10' }] } });

    const tooMany = await gql(hub.url, office, q, { code: unit.creditCode, first: 101 });
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
    const backwards = await gql(hub.url, office, q, { code: unit.creditCode, from: '2025-05-01', to: '2025-01-01' });
    expect(codes(backwards)).toEqual(['BAD_USER_INPUT']);
  });

  it('shows CONDITIONAL and RESTRICTED clue fields to the commission only; others get null + FORBIDDEN and the rest of the clue', async () => {
    const q = `query($code: String!) {
      unitByCreditCode(creditCode: $code) {
        name
        clues(first: 10, status: CLOSED) { nodes { receivedDate status summary details subjectCadre { id name } subjectUnit { creditCode name } } }
      }
    }`;
    const own = await gql(hub.url, jwOfficer, q, { code: unit.creditCode });
    expect(own.errors).toBeUndefined();
    const ownNodes = own.data.unitByCreditCode.clues.nodes;
    expect(ownNodes[1]).toEqual({
      receivedDate: '2025-01-10',
      status: 'CLOSED',
      summary: `反映${cadre.name}违规收受礼金问题（测试1）`,
      details: '举报人称：测试线索1的详细情况',
      subjectCadre: { id: cadre.id, name: cadre.name },
      subjectUnit: { creditCode: unit.creditCode, name: unit.name },
    });

    const other = await gql(hub.url, office, q, { code: unit.creditCode });
    expect(other.data.unitByCreditCode.name).toBe(unit.name);
    const nodes = other.data.unitByCreditCode.clues.nodes;
    expect(nodes).toHaveLength(2);
    // The office's standing demo grant covers clue records with the summary masked; details never leave.
    for (const node of nodes) {
      expect(node).toMatchObject({ status: 'CLOSED', summary: '[已脱敏]', details: null, subjectCadre: null, subjectUnit: { creditCode: unit.creditCode, name: unit.name } });
    }
    const denied = (other.errors ?? []).map((e) => `${e.extensions?.code} ${e.path?.slice(-1)[0]} ${e.extensions?.sensitivity}`);
    expect(new Set(denied)).toEqual(new Set(['FORBIDDEN details RESTRICTED', 'FORBIDDEN subjectCadre CONDITIONAL']));
    expect(other.errors!.find((e) => e.path?.slice(-1)[0] === 'details')!.path).toEqual(['unitByCreditCode', 'clues', 'nodes', 0, 'details']);
  });

  it('publishes sanctions with levels checked against their kind, and guards who was sanctioned', async () => {
    const sanction = (n: number, extra: Record<string, unknown> = {}) => ({
      externalId: `T-CF-${n}`,
      cadreId: cadre.id,
      unitCreditCode: unit.creditCode,
      kind: 'PARTY',
      level: 'SERIOUS_WARNING',
      decidedDate: `2024-0${n}-15`,
      reason: '违反中央八项规定精神，违规收受礼金。',
      ...extra,
    });
    const bad = await gql(hub.url, jw, PUBLISH_SANCTIONS, {
      records: [sanction(1), sanction(2, { kind: 'GOVERNMENT', level: 'PROBATION' }), sanction(3, { cadreId: '00000000-0000-4000-8000-000000000000' /* no such cadre */ }), sanction(4, { decidedDate: '2099-12-31', reason: '' })],
    });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(errorFields(bad).sort()).toEqual(['1:level', '2:cadreId', '3:decidedDate', '3:reason']);

    const ok = await gql(hub.url, jw, PUBLISH_SANCTIONS, { records: [sanction(1), sanction(2, { kind: 'GOVERNMENT', level: 'DEMERIT' })], batchKey: 'jw-cf-1' });
    expect(ok.data.publishSanctions).toMatchObject({ created: 2, replayed: false });

    const q = `query($code: String!, $cadre: UUID!) {
      unitByCreditCode(creditCode: $code) { sanctions(first: 1) { totalCount pageInfo { hasNextPage } nodes { decidedDate kind level reason cadre { name } unit { name } } } }
      cadre(id: $cadre) { name sanctions { level decidedDate } }
    }`;
    const own = await gql(hub.url, jw, q, { code: unit.creditCode, cadre: cadre.id });
    expect(own.errors).toBeUndefined();
    expect(own.data.unitByCreditCode.sanctions).toEqual({
      totalCount: 2,
      pageInfo: { hasNextPage: true },
      nodes: [{ decidedDate: '2024-02-15', kind: 'GOVERNMENT', level: 'DEMERIT', reason: '违反中央八项规定精神，违规收受礼金。', cadre: { name: cadre.name }, unit: { name: unit.name } }],
    });
    expect(own.data.cadre.sanctions).toEqual([
      { level: 'DEMERIT', decidedDate: '2024-02-15' },
      { level: 'SERIOUS_WARNING', decidedDate: '2024-01-15' },
    ]);

    // Without a grant another agency does not even see that the unit had sanctions.
    const outsider = await gql(hub.url, await hub.token('sj-system'), q, { code: unit.creditCode, cadre: cadre.id });
    expect(outsider.data.unitByCreditCode.sanctions).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false }, nodes: [] });
    // With a grant on the unit's sanctions that names no field, it sees that it had them, not who or why.
    await grant(hub, { subjectKind: 'AGENCY', subjectValue: await agencyId(hub, 'sj'), typeName: 'Sanction', fields: ['reason'], effect: 'MASK', maskStrategy: 'REDACT_TEXT', scopeKind: 'LISTED_UNITS', unitCreditCodes: [unit.creditCode], validTo: new Date(Date.now() + 3_600_000).toISOString() });
    const other = await gql(hub.url, await hub.token('sj-system'), q, { code: unit.creditCode, cadre: cadre.id });
    expect(other.data.unitByCreditCode.sanctions.nodes[0]).toEqual({ decidedDate: '2024-02-15', kind: 'GOVERNMENT', level: 'DEMERIT', reason: '[已脱敏]', cadre: null, unit: { name: unit.name } });
    expect(other.data.cadre).toEqual({ name: cadre.name, sanctions: null });
    expect(new Set(other.errors!.map((e) => `${e.extensions?.code} ${e.path?.join('.')}`))).toEqual(
      new Set(['FORBIDDEN unitByCreditCode.sanctions.nodes.0.cadre', 'FORBIDDEN cadre.sanctions']),
    );
  });

  it('publishes stationed groups with their supervised units, replacing the list only when it changes', async () => {
    const [a, b, c] = [unit.creditCode, others[0].creditCode, others[1].creditCode];
    const group = (codes: string[], extra: Record<string, unknown> = {}) => ({
      externalId: 'T-PZZ-1',
      name: '测试派驻纪检监察组',
      leaderName: '陈立新',
      notes: '围绕工程建设项目开展日常监督。',
      supervisedUnitCreditCodes: codes,
      ...extra,
    });
    const bad = await gql(hub.url, jw, PUBLISH_GROUPS, { records: [group([a, 'BAD', a]), group([], { externalId: 'T-PZZ-2', leaderName: '' })] });
    expect(errorFields(bad).sort()).toEqual(['0:supervisedUnitCreditCodes[1]', '0:supervisedUnitCreditCodes[2]', '1:leaderName', '1:supervisedUnitCreditCodes']);

    expect((await gql(hub.url, jw, PUBLISH_GROUPS, { records: [group([a, b])] })).data.publishStationedGroups).toMatchObject({ created: 1 });
    expect((await gql(hub.url, jw, PUBLISH_GROUPS, { records: [group([b, a])] })).data.publishStationedGroups).toMatchObject({ unchanged: 1 });
    expect((await gql(hub.url, jw, PUBLISH_GROUPS, { records: [group([a, c])] })).data.publishStationedGroups).toMatchObject({ updated: 1 });

    const q = `query($code: String!) {
      stationedGroups { name leaderName notes supervisedUnits { creditCode } }
      unitByCreditCode(creditCode: $code) { stationedGroups { name leaderName notes supervisedUnits { creditCode name } } }
    }`;
    const own = await gql(hub.url, jw, q, { code: a });
    expect(own.errors).toBeUndefined();
    const mine = own.data.stationedGroups.find((g: { name: string }) => g.name === '测试派驻纪检监察组');
    expect(mine.supervisedUnits.map((u: { creditCode: string }) => u.creditCode).sort()).toEqual([a, c].sort());
    expect(own.data.unitByCreditCode.stationedGroups).toEqual([
      {
        name: '测试派驻纪检监察组',
        leaderName: '陈立新',
        notes: '围绕工程建设项目开展日常监督。',
        supervisedUnits: [
          { creditCode: a, name: unit.name },
          { creditCode: c, name: others[1].name },
        ].sort((x, y) => x.creditCode.localeCompare(y.creditCode)),
      },
    ]);
    const other = await gql(hub.url, office, q, { code: a });
    expect(other.data.unitByCreditCode.stationedGroups[0]).toMatchObject({ name: '测试派驻纪检监察组', leaderName: '陈立新', notes: null });
    expect(codes(other).length).toBeGreaterThan(0);
    expect(codes(other).every((c) => c === 'FORBIDDEN')).toBe(true);
  });

  it('has realistic demo data: stationed groups over real units, clue statistics that match the clues', async () => {
    const groups = await gql(hub.url, office, '{ stationedGroups { name leaderName supervisedUnits { creditCode name stationedGroups { name } } } }');
    expect(groups.errors).toBeUndefined();
    const seeded = groups.data.stationedGroups.filter((g: { name: string }) => g.name !== '测试派驻纪检监察组');
    expect(seeded.length).toBeGreaterThanOrEqual(6);
    expect(seeded.length).toBeLessThanOrEqual(10);
    for (const g of seeded) {
      expect(g.supervisedUnits.length).toBeGreaterThanOrEqual(3);
      expect(g.supervisedUnits.length).toBeLessThanOrEqual(8);
      for (const u of g.supervisedUnits) {
        expect(u.name).toEqual(expect.any(String));
        expect(u.stationedGroups.map((x: { name: string }) => x.name)).toContain(g.name);
      }
    }

    const q = `query($first: Int!) { units(first: $first) { nodes { creditCode
      clueStats { total filed closed byDisposalMethod { method count } }
      clues(first: 100) { totalCount nodes { disposalMethod status filedDate closedDate } }
    } } }`;
    const res = await gql(hub.url, office, q, { first: 60 });
    expect(res.errors).toBeUndefined();
    let withClues = 0;
    for (const u of res.data.units.nodes as { creditCode: string; clueStats: any; clues: { totalCount: number; nodes: Clue[] } }[]) {
      const rows = u.clues.nodes;
      expect(rows).toHaveLength(u.clues.totalCount);
      if (rows.length) withClues++;
      const count = (f: (c: Clue) => boolean) => rows.filter(f).length;
      expect({ code: u.creditCode, ...u.clueStats }).toEqual({
        code: u.creditCode,
        total: rows.length,
        filed: count((c) => c.filedDate !== null),
        closed: count((c) => c.status === 'CLOSED'),
        byDisposalMethod: ['TALK_LETTER_INQUIRY', 'PRELIMINARY_VERIFICATION', 'SHELVE', 'CLOSE'].map((method) => ({ method, count: count((c) => c.disposalMethod === method) })),
      });
      for (const c of rows) {
        if (c.status === 'CLOSED') expect(c.closedDate).not.toBeNull();
        if (c.filedDate) expect(c.filedDate >= '2019-01-01' && (!c.closedDate || c.closedDate >= c.filedDate)).toBe(true);
      }
    }
    expect(withClues).toBeGreaterThan(10);
    expect(withClues).toBeLessThan(50);

    const [shares] = await discipline().query(`SELECT
        avg((disposal_method = 'TALK_LETTER_INQUIRY')::int) AS talk,
        avg((disposal_method = 'PRELIMINARY_VERIFICATION')::int) AS verify,
        sum((status = 'CLOSED' AND filed_date IS NOT NULL)::int)::float / nullif(sum((status = 'CLOSED')::int), 0) AS filing_rate,
        max(greatest(received_date, filed_date, closed_date))::text AS latest
      FROM discipline.problem_clue WHERE disposal_method IS NOT NULL AND external_id NOT LIKE 'T-%'`);
    expect(Number(shares.talk)).toBeGreaterThan(0.45);
    expect(Number(shares.talk)).toBeLessThan(0.65);
    expect(Number(shares.verify)).toBeGreaterThan(0.17);
    expect(Number(shares.verify)).toBeLessThan(0.33);
    expect(shares.filing_rate).toBeGreaterThan(0.15);
    expect(shares.filing_rate).toBeLessThan(0.35);
    expect(shares.latest <= '2026-10-31').toBe(true);
  });

  it('answers a federated dossier from units(...) with the same number of SQL statements for 5 units as for 50', async () => {
    await grant(hub, { subjectKind: 'AGENCY', subjectValue: await agencyId(hub, 'xcb'), typeName: 'Sanction', fields: ['reason'], effect: 'ALLOW', scopeKind: 'ALL_UNITS' });
    const q = `query($first: Int!) { units(first: $first) { nodes {
      name
      clueStats { total filed closed byDisposalMethod { method count } }
      clues(first: 3, status: CLOSED) { totalCount nodes { receivedDate disposalMethod } }
      sanctions(first: 3) { totalCount nodes { kind level decidedDate } }
      stationedGroups { name supervisedUnits { creditCode } }
    } } }`;
    const five = await gql(hub.url, office, q, { first: 5 });
    const fifty = await gql(hub.url, office, q, { first: 50 });
    expect(five.errors).toBeUndefined();
    expect(fifty.errors).toBeUndefined();
    type Node = { clues: { totalCount: number }; sanctions: { totalCount: number }; stationedGroups: unknown[] };
    const nodes: Node[] = fifty.data.units.nodes;
    expect(nodes.reduce((s, u) => s + u.clues.totalCount, 0)).toBeGreaterThan(10);
    expect(nodes.reduce((s, u) => s + u.sanctions.totalCount, 0)).toBeGreaterThan(0);
    // Every level runs in both requests (else the counts would agree for the wrong reason).
    expect((five.data.units.nodes as Node[]).some((u) => u.stationedGroups.length > 0)).toBe(true);
    expect(five.extensions!.sqlStatements).toBeGreaterThan(0);
    expect(fifty.extensions!.sqlStatements).toBe(five.extensions!.sqlStatements);
  });
});
