import { residentIdCheckChar } from '../src/common/codes';
import { codes, gql, startTestHub, type TestHub } from './support/hub';

const PUBLISH_PETITIONS = `mutation($records: [PetitionInput!]!, $batchKey: String) {
  publishPetitions(records: $records, batchKey: $batchKey) { batchKey received created updated unchanged replayed }
}`;
const PUBLISH_OPINIONS = `mutation($records: [PublicOpinionInput!]!, $batchKey: String) {
  publishPublicOpinions(records: $records, batchKey: $batchKey) { received created updated unchanged replayed }
}`;
const PETITION = `query($id: UUID!) {
  petition(id: $id) {
    id channel receivedDate anonymous category status concludedDate
    reporterName reporterPhone reporterIdNumber summary content conclusion
    subjectUnit { creditCode name }
  }
}`;

const rid = (serial: string) => {
  const first17 = `99010219880715${serial.padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
};

describe('petition subgraph (信访局), through the gateway', () => {
  let hub: TestHub;
  let xfj: string; // petition bureau system: the owner
  let xfjOfficer: string;
  let office: string; // inspection office: another agency
  let unitCode: string; // a seeded unit with several petitions
  let cadre: { id: string; name: string };
  const petitionDb = () => hub.sources.get('petition')!;

  beforeAll(async () => {
    hub = await startTestHub();
    [xfj, xfjOfficer, office] = await Promise.all(['xfj-system', 'xfj-officer', 'xcb-office'].map((l) => hub.token(l)));
    const [top] = await petitionDb().query(
      `SELECT unit_credit_code AS code FROM petition.petition GROUP BY 1 HAVING count(DISTINCT category) >= 2 AND count(DISTINCT extract(year FROM received_date)) >= 2 AND bool_or(anonymous) AND bool_or(NOT anonymous) ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    unitCode = top.code;
    [cadre] = await hub.sources.get('organization')!.query(
      `SELECT c.id, c.name FROM organization.cadre c JOIN organization.inspected_unit u ON u.id = c.unit_id WHERE u.credit_code = $1 ORDER BY c.name LIMIT 1`,
      [unitCode],
    );
  });
  afterAll(() => hub?.stop());

  const petition = (n: number, extra: Record<string, unknown> = {}) => ({
    externalId: `T-XFJ-${n}`,
    channel: 'LETTER',
    receivedDate: '2025-03-0' + ((n % 9) + 1),
    anonymous: false,
    reporterName: '测试信访人',
    reporterPhone: '13800138000',
    reporterIdNumber: rid(String(n)),
    unitCreditCode: unitCode,
    cadreId: cadre.id,
    category: 'INTEGRITY_DISCIPLINE',
    summary: '反映测试单位负责人收受礼金',
    content: '测试信访内容：某年某月收受礼金，附票据复印件。',
    status: 'CONCLUDED',
    conclusion: '经调查核实，反映问题部分属实，已责令整改。',
    concludedDate: '2025-05-20',
    ...extra,
  });

  describe('reading across subgraphs', () => {
    it('reaches petitions, figures and public opinion from a unit in organization, with the page matching the rows', async () => {
      const res = await gql(hub.url, office, `query($c: String!) { unitByCreditCode(creditCode: $c) {
        name
        petitions(first: 100) { totalCount pageInfo { hasNextPage } nodes { id receivedDate category status anonymous subjectUnit { name } } }
        petitionStats { total anonymousShare byCategory { category count } byYear { year count } }
        publicOpinions(first: 5) { totalCount nodes { source publishedDate sentiment unit { creditCode } } }
      } }`, { c: unitCode });
      expect(res.errors).toBeUndefined();
      const unit = res.data.unitByCreditCode;
      const rows: { id: string; received_date: string; category: string; anonymous: boolean }[] = await petitionDb().query(
        `SELECT id, received_date, category, anonymous FROM petition.petition WHERE unit_credit_code = $1 ORDER BY received_date DESC, id DESC`,
        [unitCode],
      );
      expect(unit.petitions.totalCount).toBe(rows.length);
      expect(unit.petitions.nodes.map((p: { id: string }) => p.id)).toEqual(rows.map((r) => r.id));
      // subjectUnit goes back to organization for the name: the entity round trip works.
      expect(unit.petitions.nodes[0].subjectUnit.name).toBe(unit.name);

      // Figures agree with the rows they summarise.
      const stats = unit.petitionStats;
      expect(stats.total).toBe(rows.length);
      expect(stats.anonymousShare).toBeCloseTo(rows.filter((r) => r.anonymous).length / rows.length, 6);
      const tally = (key: (r: (typeof rows)[number]) => string | number) =>
        rows.reduce((m, r) => m.set(key(r), (m.get(key(r)) ?? 0) + 1), new Map<string | number, number>());
      expect(new Map(stats.byCategory.map((c: { category: string; count: number }) => [c.category, c.count]))).toEqual(tally((r) => r.category));
      expect(new Map(stats.byYear.map((y: { year: number; count: number }) => [y.year, y.count]))).toEqual(tally((r) => Number(r.received_date.slice(0, 4))));
      const counts = stats.byCategory.map((c: { count: number }) => c.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));

      for (const o of unit.publicOpinions.nodes) expect(o.unit.creditCode).toBe(unitCode);
    });

    it('filters by category and by received date, and the filtered totals match the figures', async () => {
      const stats = (await gql(hub.url, office, `query($c: String!) { unitByCreditCode(creditCode: $c) { petitionStats { byCategory { category count } byYear { year count } } } }`, { c: unitCode }))
        .data.unitByCreditCode.petitionStats;
      const cat = stats.byCategory[0];
      const year = stats.byYear[stats.byYear.length - 1];
      const res = await gql(hub.url, office, `query($c: String!, $cat: PetitionCategory, $from: Date, $to: Date) { unitByCreditCode(creditCode: $c) {
        byCat: petitions(category: $cat) { totalCount nodes { category } }
        byYear: petitions(from: $from, to: $to, first: 100) { totalCount nodes { receivedDate } }
      } }`, { c: unitCode, cat: cat.category, from: `${year.year}-01-01`, to: `${year.year}-12-31` });
      expect(res.errors).toBeUndefined();
      const u = res.data.unitByCreditCode;
      expect(u.byCat.totalCount).toBe(cat.count);
      expect(u.byCat.nodes.every((p: { category: string }) => p.category === cat.category)).toBe(true);
      expect(u.byYear.totalCount).toBe(year.count);
      expect(u.byYear.nodes.every((p: { receivedDate: string }) => p.receivedDate.startsWith(String(year.year)))).toBe(true);

      const reversed = await gql(hub.url, office, `query($c: String!) { unitByCreditCode(creditCode: $c) { petitions(from: "2024-01-01", to: "2023-01-01") { totalCount } } }`, { c: unitCode });
      expect(codes(reversed)).toContain('BAD_USER_INPUT');
    });

    it('pages with first/after without gaps or repeats, and refuses page sizes above the maximum', async () => {
      const page = `query($c: String!, $after: String) { unitByCreditCode(creditCode: $c) { petitions(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } }`;
      const seen: string[] = [];
      let after: string | null = null;
      let total = -1;
      for (let i = 0; i < 20; i++) {
        const res: any = await gql(hub.url, office, page, { c: unitCode, after });
        expect(res.errors).toBeUndefined();
        const p = res.data.unitByCreditCode.petitions;
        total = p.totalCount;
        expect(p.nodes.length).toBeLessThanOrEqual(2);
        seen.push(...p.nodes.map((n: { id: string }) => n.id));
        if (!p.pageInfo.hasNextPage) break;
        after = p.pageInfo.endCursor;
      }
      expect(total).toBeGreaterThan(2);
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);

      for (const first of [101, 0]) {
        const res = await gql(hub.url, office, `query($c: String!, $f: Int) { unitByCreditCode(creditCode: $c) { name petitions(first: $f) { totalCount } } }`, { c: unitCode, f: first });
        expect(codes(res)).toContain('BAD_USER_INPUT');
      }
      const forged = await gql(hub.url, office, `query($c: String!) { unitByCreditCode(creditCode: $c) { petitions(after: "not-a-cursor") { totalCount } } }`, { c: unitCode });
      expect(codes(forged)).toContain('BAD_USER_INPUT');
    });

    it('costs the same number of SQL statements for 50 units as for 5', async () => {
      const q = `query($n: Int!) { units(first: $n) { nodes { petitions(first: 3, category: INTEGRITY_DISCIPLINE) { totalCount nodes { id category } }
        petitionStats { total byYear { year count } } publicOpinions(first: 2) { totalCount nodes { sentiment } } } } }`;
      const five = await gql(hub.url, office, q, { n: 5 });
      const fifty = await gql(hub.url, office, q, { n: 50 });
      expect(five.errors).toBeUndefined();
      expect(fifty.errors).toBeUndefined();
      expect(fifty.data.units.nodes.reduce((n: number, u: any) => n + u.petitionStats.total, 0)).toBeGreaterThan(20);
      expect(fifty.extensions!.sqlStatements).toBe(five.extensions!.sqlStatements);
    });
  });

  describe('sharing rules (DESIGN.md §4)', () => {
    let named: string;
    let anonymous: string;
    beforeAll(async () => {
      [{ id: named }] = await petitionDb().query(`SELECT id FROM petition.petition WHERE NOT anonymous AND reporter_id_number IS NOT NULL AND status = 'CONCLUDED' LIMIT 1`);
      [{ id: anonymous }] = await petitionDb().query(`SELECT id FROM petition.petition WHERE anonymous LIMIT 1`);
    });

    it('lets the petition bureau read the reporter, content and conclusion', async () => {
      const res = await gql(hub.url, xfjOfficer, PETITION, { id: named });
      expect(res.errors).toBeUndefined();
      const [row] = await petitionDb().query(`SELECT reporter_name, reporter_phone, reporter_id_number, content FROM petition.petition WHERE id = $1`, [named]);
      expect(res.data.petition).toMatchObject({ reporterName: row.reporter_name, reporterPhone: row.reporter_phone, reporterIdNumber: row.reporter_id_number, content: row.content });
      expect(res.data.petition.conclusion).toEqual(expect.any(String));

      const anon = await gql(hub.url, xfj, PETITION, { id: anonymous });
      expect(anon.errors).toBeUndefined();
      expect(anon.data.petition).toMatchObject({ anonymous: true, reporterName: null, reporterPhone: null, reporterIdNumber: null });
    });

    it('gives other agencies null + FORBIDDEN for RESTRICTED and ungranted CONDITIONAL fields, keeping the petition and its OPEN fields', async () => {
      // The inspection office holds the demo's standing grant: Petition records of every unit, summary masked.
      const res = await gql(hub.url, await hub.token('xcb-office'), PETITION, { id: named });
      const p = res.data.petition;
      expect(p).toMatchObject({ id: named, anonymous: false, status: 'CONCLUDED', subjectUnit: { creditCode: expect.any(String), name: expect.any(String) } });
      expect(p.channel).toEqual(expect.any(String));
      expect(p.receivedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.concludedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.summary).toBe('[已脱敏]');
      for (const f of ['reporterName', 'reporterPhone', 'reporterIdNumber', 'content', 'conclusion']) expect(p[f]).toBeNull();
      const denied = (res.errors ?? []).map((e) => [e.extensions?.code, e.path?.join('.')]);
      expect(denied).toEqual(
        expect.arrayContaining(['reporterName', 'reporterPhone', 'reporterIdNumber', 'content', 'conclusion'].map((f) => ['FORBIDDEN', `petition.${f}`])),
      );
    });

    it('hides petitions altogether from agencies without any grant on them', async () => {
      for (const login of ['jw-officer', 'zzb-system']) {
        const res = await gql(hub.url, await hub.token(login), PETITION, { id: named });
        expect({ login, petition: res.data.petition, errors: res.errors }).toEqual({ login, petition: null, errors: undefined });
      }
    });

    it('keeps list pages intact when a denied field is asked for inside them', async () => {
      const res = await gql(hub.url, office, `query($c: String!) { unitByCreditCode(creditCode: $c) { name petitions(first: 3) { totalCount nodes { id reporterName } } publicOpinions(first: 1) { nodes { title sentiment } } } }`, { c: unitCode });
      const u = res.data.unitByCreditCode;
      expect(u.name).toEqual(expect.any(String));
      expect(u.petitions.nodes).toHaveLength(3);
      expect(u.petitions.nodes.every((p: { id: string; reporterName: null }) => p.id && p.reporterName === null)).toBe(true);
      expect(new Set(codes(res))).toEqual(new Set(['FORBIDDEN']));
      expect(res.errors!.some((e) => e.path?.join('.') === 'unitByCreditCode.petitions.nodes.0.reporterName')).toBe(true);
    });

    it('refuses malformed ids and finds nothing for unknown ones', async () => {
      expect(codes(await gql(hub.url, office, PETITION, { id: 'x' }))).toEqual(['BAD_USER_INPUT']);
      const none = await gql(hub.url, office, PETITION, { id: '00000000-0000-4000-8000-000000000000' });
      expect(none.errors).toBeUndefined();
      expect(none.data.petition).toBeNull();
    });
  });

  describe('publishing', () => {
    it('publishes petitions idempotently and shows them on the unit and the cadre', async () => {
      const records = [petition(1), petition(2, { anonymous: true, reporterName: null, reporterPhone: null, reporterIdNumber: null, cadreId: null, status: 'HANDLING', conclusion: null, concludedDate: null })];
      const first = await gql(hub.url, xfj, PUBLISH_PETITIONS, { records, batchKey: 'xfj-2025-03-a' });
      expect(first.errors).toBeUndefined();
      expect(first.data.publishPetitions).toEqual({ batchKey: 'xfj-2025-03-a', received: 2, created: 2, updated: 0, unchanged: 0, replayed: false });

      const retry = await gql(hub.url, xfj, PUBLISH_PETITIONS, { records, batchKey: 'xfj-2025-03-a' });
      expect(retry.data.publishPetitions).toMatchObject({ created: 2, replayed: true });
      const again = await gql(hub.url, xfj, PUBLISH_PETITIONS, { records, batchKey: 'xfj-2025-03-b' });
      expect(again.data.publishPetitions).toMatchObject({ created: 0, updated: 0, unchanged: 2, replayed: false });
      const changed = await gql(hub.url, xfjOfficer, PUBLISH_PETITIONS, { records: [petition(1, { status: 'HANDLING', conclusion: null, concludedDate: null }), records[1]] });
      expect(changed.data.publishPetitions).toMatchObject({ created: 0, updated: 1, unchanged: 1 });

      const rows = await petitionDb().query(`SELECT id, external_id, status, reporter_name FROM petition.petition WHERE external_id LIKE 'T-XFJ-%' ORDER BY external_id`);
      expect(rows).toEqual([
        expect.objectContaining({ external_id: 'T-XFJ-1', status: 'HANDLING', reporter_name: '测试信访人' }),
        expect.objectContaining({ external_id: 'T-XFJ-2', status: 'HANDLING', reporter_name: null }),
      ]);

      // Which cadre a petition names is CONDITIONAL: the petition bureau itself reads it here.
      const seen = await gql(hub.url, xfj, `query($c: String!, $id: UUID!) {
        unitByCreditCode(creditCode: $c) { petitions(from: "2025-03-01", to: "2025-03-09", first: 50) { nodes { id subjectCadre { id name } } } }
        cadre(id: $id) { name petitions { totalCount nodes { id } } }
      }`, { c: unitCode, id: cadre.id });
      expect(seen.errors).toBeUndefined();
      const onUnit = seen.data.unitByCreditCode.petitions.nodes;
      expect(onUnit.find((p: { id: string }) => p.id === rows[0].id)).toEqual({ id: rows[0].id, subjectCadre: { id: cadre.id, name: cadre.name } });
      expect(onUnit.find((p: { id: string }) => p.id === rows[1].id)).toEqual({ id: rows[1].id, subjectCadre: null });
      expect(seen.data.cadre.petitions.nodes.map((p: { id: string }) => p.id)).toContain(rows[0].id);
    });

    it('rejects the whole batch naming each bad record and field, and writes nothing', async () => {
      const badCode = unitCode.slice(0, 17) + (unitCode[17] === 'Y' ? '0' : 'Y');
      const goodRid = rid('77');
      const records = [
        petition(10),
        petition(11, { reporterPhone: '1380013800', reporterIdNumber: goodRid.slice(0, 17) + (goodRid[17] === '0' ? '1' : '0') }),
        petition(12, { unitCreditCode: badCode, cadreId: '00000000-0000-4000-8000-000000000000' }), // no such cadre
        petition(13, { anonymous: true, cadreId: null }),
        petition(14, { receivedDate: '2099-01-01' }),
        petition(15, { concludedDate: '2025-01-01' }),
        petition(16, { status: 'HANDLING' }),
        petition(17, { reporterName: null, summary: '   ' }),
      ];
      const res = await gql(hub.url, xfj, PUBLISH_PETITIONS, { records, batchKey: 'xfj-bad' });
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      const fields = res.errors![0].extensions!.recordErrors.map((e: { index: number; field: string }) => `${e.index}:${e.field}`);
      expect(fields.sort()).toEqual(
        [
          '1:reporterPhone',
          '1:reporterIdNumber',
          '2:unitCreditCode',
          '2:cadreId',
          '3:reporterName',
          '3:reporterPhone',
          '3:reporterIdNumber',
          '4:receivedDate',
          '4:concludedDate',
          '5:concludedDate',
          '6:conclusion',
          '6:concludedDate',
          '7:reporterName',
          '7:summary',
        ].sort(),
      );
      const [{ n }] = await petitionDb().query(`SELECT count(*)::int AS n FROM petition.petition WHERE external_id = 'T-XFJ-10'`);
      expect(n).toBe(0);
      // The key of a rejected batch is not burnt.
      const fixed = await gql(hub.url, xfj, PUBLISH_PETITIONS, { records: [petition(10)], batchKey: 'xfj-bad' });
      expect(fixed.data.publishPetitions).toMatchObject({ created: 1, replayed: false });
    });

    it('publishes public-opinion items with validation', async () => {
      const item = (n: number, extra: Record<string, unknown> = {}) => ({
        externalId: `T-YQ-${n}`,
        unitCreditCode: unitCode,
        source: '明湖新闻网',
        publishedDate: '2025-06-01',
        title: '测试舆情标题',
        summary: '测试舆情摘要',
        sentiment: 'NEGATIVE',
        ...extra,
      });
      const bad = await gql(hub.url, xfj, PUBLISH_OPINIONS, { records: [item(1), item(2, { source: '', publishedDate: '2099-12-31' })] });
      expect(recordFields(bad)).toEqual(['1:publishedDate', '1:source']);
      const ok = await gql(hub.url, xfj, PUBLISH_OPINIONS, { records: [item(1), item(2)], batchKey: 'yq-1' });
      expect(ok.data.publishPublicOpinions).toMatchObject({ received: 2, created: 2 });
      const read = await gql(hub.url, xfjOfficer, `query($c: String!) { unitByCreditCode(creditCode: $c) { publicOpinions(first: 100) { nodes { title publishedDate } } } }`, { c: unitCode });
      expect(read.data.unitByCreditCode.publicOpinions.nodes).toEqual(expect.arrayContaining([{ title: '测试舆情标题', publishedDate: '2025-06-01' }]));
    });

    it('refuses principals of other agencies and roles without publishing rights', async () => {
      for (const login of ['xcb-office', 'jw-system', 'zzb-officer', 'admin', 'xcb-leader']) {
        const token = await hub.token(login);
        const res = await gql(hub.url, token, PUBLISH_PETITIONS, { records: [petition(30)] });
        expect({ login, codes: codes(res) }).toEqual({ login, codes: ['FORBIDDEN'] });
        const op = await gql(hub.url, token, PUBLISH_OPINIONS, { records: [{ externalId: 'T-YQ-30', unitCreditCode: unitCode, source: 'x', publishedDate: '2025-01-01', title: 't', summary: 's', sentiment: 'NEUTRAL' }] });
        expect({ login, codes: codes(op) }).toEqual({ login, codes: ['FORBIDDEN'] });
      }
      const [{ n }] = await petitionDb().query(`SELECT (SELECT count(*) FROM petition.petition WHERE external_id = 'T-XFJ-30') + (SELECT count(*) FROM petition.public_opinion_item WHERE external_id = 'T-YQ-30') AS n`);
      expect(Number(n)).toBe(0);
    });
  });
});

/** `index:field` of every record error, sorted. */
function recordFields(res: { errors?: { extensions?: Record<string, any> }[] }): string[] {
  return (res.errors?.[0]?.extensions?.recordErrors ?? []).map((e: { index: number; field: string }) => `${e.index}:${e.field}`).sort();
}
