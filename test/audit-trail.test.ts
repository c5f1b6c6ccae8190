import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { appendDisclosures, verifyAuditChain, type DisclosureEntry } from '../src/authz/audit-chain';
import { runWithSqlCounter, type SqlCounter } from '../src/db/sql-counter';
import { codes, gql, startTestHub, type TestHub } from './support/hub';

const GENESIS = '0'.repeat(64);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Row {
  seq: string;
  id: string;
  request_id: string;
  fields: string[];
  prev_hash: string;
  hash: string;
}

/** `node dist/src/cli/audit-verify.js` (what `npm run audit:verify` runs after building) against the test hub's database. */
function auditVerifyCli(databaseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const cli = path.join(__dirname, '..', 'src', 'cli', 'audit-verify.js');
    execFile(process.execPath, [cli], { env: { ...process.env, DATABASE_URL: databaseUrl } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as unknown as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}

const AUDIT_QUERY = `query Audit($principalId: UUID, $agencyId: UUID, $unit: String, $record: String, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {
  disclosureAudit(principalId: $principalId, agencyId: $agencyId, unitCreditCode: $unit, recordId: $record, from: $from, to: $to, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { seq id at requestId principalId agencyId operationName operationHash typeName recordIds fields unitCreditCodes effect grantId prevHash hash }
  }
}`;

describe('disclosure audit trail: append-only, hash-chained, verifiable, queryable by admins', () => {
  let hub: TestHub;
  let ds: DataSource;
  let admin: string;
  let principalId: string;
  let agencyId: string;

  const entry = (over: Partial<DisclosureEntry> = {}): DisclosureEntry => ({
    requestId: randomUUID(),
    principalId,
    agencyId,
    operationName: 'UnitPetitions',
    operationHash: sha256('query UnitPetitions { units { petitions { reporterName } } }'),
    typeName: 'Petition',
    recordIds: [randomUUID(), randomUUID()],
    fields: ['reporterName', 'content'],
    unitCreditCodes: ['91990102000000001A'],
    effect: 'ALLOW',
    grantId: randomUUID(),
    ...over,
  });
  const rows = (): Promise<Row[]> => ds.query('SELECT seq, id, request_id, fields, prev_hash, hash FROM access.disclosure_audit ORDER BY seq');
  const audit = (token: string, variables: Record<string, unknown>) => gql(hub.url, token, AUDIT_QUERY, variables);

  beforeAll(async () => {
    hub = await startTestHub();
    ds = hub.sources.get('access')!;
    admin = await hub.token('admin');
    principalId = await hub.principalId('xcb-member');
    [{ agency_id: agencyId }] = await ds.query(`SELECT agency_id FROM access.principal WHERE login = 'xcb-member'`);
  });
  afterAll(() => hub?.stop());

  it('verifies a fresh (empty) trail, in code and with npm run audit:verify', async () => {
    expect(await rows()).toEqual([]);
    expect(await verifyAuditChain(ds)).toEqual({ ok: true, checked: 0 });
    const cli = await auditVerifyCli(hub.db.url);
    expect({ code: cli.code, stdout: cli.stdout }).toEqual({ code: 0, stdout: 'audit chain OK: 0 entries\n' });
  });

  it('chains appended entries: each prev_hash is the previous hash, from 64 zeros', async () => {
    const counter: SqlCounter = { statements: 0 };
    await runWithSqlCounter(counter, () => appendDisclosures(ds, []));
    expect(counter.statements).toBe(0);

    const first = [entry(), entry({ effect: 'MASK' }), entry({ effect: 'OWNER', grantId: null, operationName: null })];
    await appendDisclosures(ds, first);
    // Upper-case ids are stored (and hashed) the way PostgreSQL returns them.
    await appendDisclosures(ds, [entry({ principalId: principalId.toUpperCase(), grantId: randomUUID().toUpperCase() }), entry({ recordIds: [], unitCreditCodes: [] })]);
    const all = await rows();
    expect(all).toHaveLength(5);
    expect(all.slice(0, 3).map((r) => r.request_id)).toEqual(first.map((e) => e.requestId));
    expect(all[0].prev_hash).toBe(GENESIS);
    for (let i = 1; i < all.length; i++) expect(all[i].prev_hash).toBe(all[i - 1].hash);
    expect(new Set(all.map((r) => r.hash)).size).toBe(5);
    expect(await verifyAuditChain(ds)).toEqual({ ok: true, checked: 5 });
  });

  it('refuses a malformed entry before writing anything', async () => {
    const before = (await rows()).length;
    await expect(appendDisclosures(ds, [entry(), entry({ operationHash: 'abc' })])).rejects.toThrow(/entry 1: operationHash/);
    await expect(appendDisclosures(ds, [entry({ principalId: 'nobody' })])).rejects.toThrow(/principalId is not a uuid/);
    await expect(appendDisclosures(ds, [entry({ effect: 'DENY' as never })])).rejects.toThrow(/effect/);
    expect(await rows()).toHaveLength(before);
  });

  it('serialises concurrent appends: the chain still verifies and each call stays contiguous', async () => {
    const before = (await rows()).length;
    const batches = Array.from({ length: 6 }, (_, b) => Array.from({ length: 20 + b }, () => entry({ typeName: `Batch${b}` })));
    await Promise.all(batches.map((batch) => appendDisclosures(ds, batch)));
    const added = (await rows()).slice(before);
    expect(added).toHaveLength(batches.reduce((n, b) => n + b.length, 0));
    const order = added.map((r) => r.request_id);
    for (const batch of batches) {
      const start = order.indexOf(batch[0].requestId);
      expect(order.slice(start, start + batch.length)).toEqual(batch.map((e) => e.requestId));
    }
    expect(await verifyAuditChain(ds)).toEqual({ ok: true, checked: before + added.length });
  });

  it('writes 500 entries with ONE insert statement (as many statements as for one entry)', async () => {
    const one: SqlCounter = { statements: 0 };
    const many: SqlCounter = { statements: 0 };
    await runWithSqlCounter(one, () => appendDisclosures(ds, [entry()]));
    const spy = jest.spyOn(ds.logger, 'logQuery'); // calls through: the counter still counts
    let logged: string[];
    try {
      await runWithSqlCounter(many, () => appendDisclosures(ds, Array.from({ length: 500 }, () => entry())));
      logged = spy.mock.calls.map(([q]) => q);
    } finally {
      spy.mockRestore();
    }
    expect(logged).toHaveLength(many.statements);
    expect(logged.filter((q) => /^\s*INSERT/i.test(q))).toHaveLength(1);
    expect(many.statements).toBe(one.statements);
    expect(many.statements).toBeLessThanOrEqual(5); // begin, advisory lock, last hash, insert, commit
    const { ok } = await verifyAuditChain(ds);
    expect(ok).toBe(true);
  });

  it('verifies chains longer than one verification batch (5,000 rows)', async () => {
    const before = (await rows()).length;
    await appendDisclosures(ds, Array.from({ length: 4000 }, () => entry()));
    await appendDisclosures(ds, Array.from({ length: 1500 }, () => entry()));
    expect(await verifyAuditChain(ds)).toEqual({ ok: true, checked: before + 5500 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database', async () => {
    const before = await rows();
    const seq = before[1].seq;
    const quiet = jest.spyOn(ds.logger, 'logQueryError').mockImplementation(() => undefined); // expected errors
    try {
      await expect(ds.query(`UPDATE access.disclosure_audit SET fields = '{}' WHERE seq = $1`, [seq])).rejects.toThrow(/disclosure_audit is append-only/);
      await expect(ds.query(`DELETE FROM access.disclosure_audit WHERE seq = $1`, [seq])).rejects.toThrow(/disclosure_audit is append-only/);
      await expect(ds.query('DELETE FROM access.disclosure_audit')).rejects.toThrow(/disclosure_audit is append-only/);
      await expect(ds.query('TRUNCATE access.disclosure_audit')).rejects.toThrow(/disclosure_audit is append-only/);
      expect(quiet).toHaveBeenCalledTimes(4);
    } finally {
      quiet.mockRestore();
    }
    expect(await rows()).toEqual(before);
  });

  describe('admin query', () => {
    const p1 = randomUUID();
    const p2 = randomUUID();
    const agency = randomUUID();
    const record = `rec-${randomUUID()}`;
    let boundary: string;
    let earlyIds: string[];
    let lateIds: string[];

    beforeAll(async () => {
      const early = [
        entry({ principalId: p1, agencyId: agency, unitCreditCodes: ['UNIT-A', 'UNIT-B'], recordIds: [record, 'other-1'] }),
        entry({ principalId: p1, agencyId: agency, unitCreditCodes: ['UNIT-B'] }),
        entry({ principalId: p2, agencyId: agency, unitCreditCodes: ['UNIT-C'] }),
      ];
      await appendDisclosures(ds, early);
      await sleep(30);
      boundary = new Date().toISOString();
      await sleep(30);
      const late = [
        entry({ principalId: p1, agencyId: agency, unitCreditCodes: ['UNIT-A'] }),
        entry({ principalId: p1, agencyId: agency, unitCreditCodes: ['UNIT-C'], recordIds: [record] }),
      ];
      await appendDisclosures(ds, late);
      const ids = async (list: DisclosureEntry[]) =>
        (await ds.query('SELECT id FROM access.disclosure_audit WHERE request_id = ANY($1) ORDER BY seq DESC', [list.map((e) => e.requestId)])).map((r: { id: string }) => r.id);
      earlyIds = await ids(early);
      lateIds = await ids(late);
    });

    const ids = (res: Awaited<ReturnType<typeof audit>>) => {
      expect(res.errors).toBeUndefined();
      return res.data.disclosureAudit.nodes.map((n: { id: string }) => n.id);
    };
    const all = () => [...lateIds, ...earlyIds]; // newest first

    it('filters by principal, agency, unit, record and time range, newest first', async () => {
      expect(ids(await audit(admin, { agencyId: agency }))).toEqual(all());
      expect(ids(await audit(admin, { principalId: p1 }))).toEqual(all().filter((id) => id !== earlyIds[0]));
      expect(ids(await audit(admin, { principalId: p2 }))).toEqual([earlyIds[0]]);
      expect(ids(await audit(admin, { agencyId: agency, unit: 'UNIT-A' }))).toEqual([lateIds[1], earlyIds[2]]);
      expect(ids(await audit(admin, { agencyId: agency, unit: 'UNIT-C' }))).toEqual([lateIds[0], earlyIds[0]]);
      expect(ids(await audit(admin, { record }))).toEqual([lateIds[0], earlyIds[2]]);
      expect(ids(await audit(admin, { agencyId: agency, from: boundary }))).toEqual(lateIds);
      expect(ids(await audit(admin, { agencyId: agency, to: boundary }))).toEqual(earlyIds);
      expect(ids(await audit(admin, { principalId: p1, unit: 'UNIT-A', from: boundary }))).toEqual([lateIds[1]]);
      expect(ids(await audit(admin, { unit: 'UNIT-NONE' }))).toEqual([]);
    });

    it('returns the stored entry with its chain hashes', async () => {
      const res = await audit(admin, { record, first: 1 });
      const [node] = res.data.disclosureAudit.nodes;
      const [row] = await ds.query('SELECT * FROM access.disclosure_audit WHERE id = $1', [node.id]);
      expect(node).toEqual({
        seq: String(row.seq),
        id: row.id,
        at: row.at.toISOString(),
        requestId: row.request_id,
        principalId: p1,
        agencyId: agency,
        operationName: 'UnitPetitions',
        operationHash: row.operation_hash,
        typeName: 'Petition',
        recordIds: [record],
        fields: ['reporterName', 'content'],
        unitCreditCodes: ['UNIT-C'],
        effect: 'ALLOW',
        grantId: row.grant_id,
        prevHash: row.prev_hash,
        hash: row.hash,
      });
    });

    it('pages with signed cursors and counts over all pages', async () => {
      const seen: string[] = [];
      let after: string | undefined;
      const pages: { n: number; more: boolean; total: number }[] = [];
      do {
        const res = await audit(admin, { agencyId: agency, first: 2, after });
        seen.push(...ids(res));
        const c = res.data.disclosureAudit;
        pages.push({ n: c.nodes.length, more: c.pageInfo.hasNextPage, total: c.totalCount });
        after = c.pageInfo.hasNextPage ? c.pageInfo.endCursor : undefined;
      } while (after);
      expect(pages).toEqual([
        { n: 2, more: true, total: 5 },
        { n: 2, more: true, total: 5 },
        { n: 1, more: false, total: 5 },
      ]);
      expect(seen).toEqual(all());

      const forged = await audit(admin, { agencyId: agency, first: 2, after: 'WyIxIiwiMDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAwIl0.bogus' });
      expect(codes(forged)).toEqual(['BAD_USER_INPUT']);
      expect(codes(await audit(admin, { principalId: 'not-an-id' }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await audit(admin, { first: 10_000 }))).toEqual(['BAD_USER_INPUT']);
    });

    it('counts only when totalCount is asked for (a page is one index-ordered statement)', async () => {
      const page = await gql(hub.url, admin, '{ disclosureAudit(first: 3) { nodes { seq } } }');
      const counted = await gql(hub.url, admin, '{ disclosureAudit(first: 3) { totalCount nodes { seq } } }');
      expect(page.errors).toBeUndefined();
      expect(counted.data.disclosureAudit.nodes).toEqual(page.data.disclosureAudit.nodes);
      expect(counted.extensions!.sqlStatements - page.extensions!.sqlStatements).toBe(1);
    });

    it('is refused to everyone but admins', async () => {
      for (const login of ['xcb-office', 'xcb-leader', 'xfj-officer', 'xfj-system']) {
        const res = await audit(await hub.token(login), { agencyId: agency });
        expect({ login, codes: codes(res), data: res.data?.disclosureAudit ?? null }).toEqual({ login, codes: ['FORBIDDEN'], data: null });
      }
    });
  });

  it('names the first tampered entry (in code and the CLI exits 1), and a removed entry breaks the next link', async () => {
    expect(await verifyAuditChain(ds)).toMatchObject({ ok: true });
    const all = await rows();
    const victim = all[Math.floor(all.length / 2)];
    // As the superuser, with triggers bypassed for this transaction only.
    const bypass = (sqlText: string, params: unknown[]) =>
      ds.transaction(async (m) => {
        await m.query('SET LOCAL session_replication_role = replica');
        await m.query(sqlText, params);
      });

    await bypass('UPDATE access.disclosure_audit SET fields = $2 WHERE seq = $1', [victim.seq, ['harmless']]);
    expect(await verifyAuditChain(ds)).toEqual({ ok: false, checked: all.indexOf(victim), brokenAt: { seq: victim.seq, reason: 'hash mismatch' } });
    const cli = await auditVerifyCli(hub.db.url);
    expect({ code: cli.code, stdout: cli.stdout }).toEqual({ code: 1, stdout: `audit chain BROKEN at entry ${victim.seq}: hash mismatch\n` });

    // Restored, it verifies again; then removing an entry breaks the link of the one after it.
    await bypass('UPDATE access.disclosure_audit SET fields = $2 WHERE seq = $1', [victim.seq, victim.fields]);
    expect(await verifyAuditChain(ds)).toEqual({ ok: true, checked: all.length });
    const removed = all[all.length - 3];
    await bypass('DELETE FROM access.disclosure_audit WHERE seq = $1', [removed.seq]);
    expect(await verifyAuditChain(ds)).toEqual({ ok: false, checked: all.length - 3, brokenAt: { seq: all[all.length - 2].seq, reason: 'prev_hash does not link' } });
  });
});
