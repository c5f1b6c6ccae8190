import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { DisclosureEntry } from '../src/authz/audit-chain';
import { keyId } from '../src/authz/audit-key';
import { appendDisclosures, auditWriterFor } from '../src/authz/audit-writer';
import type { SqlCounter } from '../src/db/sql-counter';
import { runWithSqlCounter } from '../src/common/request-scope';
import { auditEntry, auditVerifyCli, chainReport, holdChainLock, verifyHub } from './support/audit';
import { codes, gql, startTestHub, type TestHub } from './support/hub';

/** Each subgraph writes its own chain (issue 10): petitions read through the gateway go to `petition`. */
const PETITION_CHAIN = 'petition';

const GENESIS = '0'.repeat(64);
const CHAIN = 'trail-test';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Row {
  seq: string;
  chain: string;
  position: string;
  alg: string;
  key_id: string | null;
  id: string;
  request_id: string;
  fields: string[];
  prev_hash: string;
  hash: string;
}

const AUDIT_QUERY = `query Audit($chain: String, $principalId: UUID, $agencyId: UUID, $unit: String, $record: String, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {
  disclosureAudit(chain: $chain, principalId: $principalId, agencyId: $agencyId, unitCreditCode: $unit, recordId: $record, from: $from, to: $to, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { seq chain position alg keyId id at requestId principalId agencyId operationName operationHash typeName recordIds fields unitCreditCodes effect grantId prevHash hash }
  }
}`;

const VERIFY_QUERY = `{ verifyDisclosureAudit { status checkedAt chains { chain status entries legacyEntries algorithm keyId checkpointPosition checkpointAt afterCheckpoint problem { kind position seq message entry { id position } } } } }`;

describe('disclosure audit trail: append-only, keyed chains, verifiable, queryable by admins', () => {
  let hub: TestHub;
  let ds: DataSource;
  let admin: string;
  let principalId: string;
  let agencyId: string;

  const entry = (over: Partial<DisclosureEntry> = {}) => auditEntry(principalId, agencyId, over);
  const rows = (chain = CHAIN): Promise<Row[]> =>
    ds.query('SELECT seq, chain, "position", alg, key_id, id, request_id, fields, prev_hash, hash FROM access.disclosure_audit WHERE chain = $1 ORDER BY "position"', [chain]);
  const audit = (token: string, variables: Record<string, unknown>) => gql(hub.url, token, AUDIT_QUERY, variables);
  const checked = async (chain = CHAIN) => {
    const c = chainReport(await verifyHub(hub), chain)!;
    return { status: c.status, entries: c.entries, problem: c.problem };
  };

  beforeAll(async () => {
    hub = await startTestHub();
    ds = hub.sources.get('access')!;
    admin = await hub.token('admin');
    principalId = await hub.principalId('xcb-member');
    [{ agency_id: agencyId }] = await ds.query(`SELECT agency_id FROM access.principal WHERE login = 'xcb-member'`);
  });
  afterAll(() => hub?.stop());

  it('verifies a fresh (empty) trail, in code and with npm run audit:verify', async () => {
    expect(await ds.query('SELECT count(*)::int AS n FROM access.disclosure_audit')).toEqual([{ n: 0 }]);
    expect(await verifyHub(hub)).toEqual({ status: 'INTACT', chains: [] });
    const cli = await auditVerifyCli(hub);
    expect({ code: cli.code, stdout: cli.stdout }).toEqual({ code: 0, stdout: 'audit trail OK: 0 chain(s), 0 entries\n' });
  });

  it('chains appended entries per chain: positions from 1, each prev_hash the previous MAC, from 64 zeros, with algorithm and key id', async () => {
    const counter: SqlCounter = { statements: 0 };
    await runWithSqlCounter(counter, () => appendDisclosures(ds, CHAIN, []));
    expect(counter.statements).toBe(0);

    const first = [entry(), entry({ effect: 'MASK' }), entry({ effect: 'OWNER', grantId: null, operationName: null })];
    await appendDisclosures(ds, CHAIN, first);
    // Upper-case ids are stored (and hashed) the way PostgreSQL returns them.
    await appendDisclosures(ds, CHAIN, [entry({ principalId: principalId.toUpperCase(), grantId: randomUUID().toUpperCase() }), entry({ recordIds: [], unitCreditCodes: [] })]);
    // Another chain numbers from 1 on its own and does not touch this one.
    await appendDisclosures(ds, `${CHAIN}-other`, [entry()]);
    const all = await rows();
    expect(all).toHaveLength(5);
    expect(all.map((r) => r.position)).toEqual(['1', '2', '3', '4', '5']);
    expect(all.slice(0, 3).map((r) => r.request_id)).toEqual(first.map((e) => e.requestId));
    expect(all[0].prev_hash).toBe(GENESIS);
    for (let i = 1; i < all.length; i++) expect(all[i].prev_hash).toBe(all[i - 1].hash);
    expect(new Set(all.map((r) => r.hash)).size).toBe(5);
    expect(new Set(all.map((r) => `${r.alg} ${r.key_id}`))).toEqual(new Set([`hmac-sha256 ${keyId(Buffer.from(hub.config.auditHmacKey))}`]));
    expect((await rows(`${CHAIN}-other`)).map((r) => [r.position, r.prev_hash])).toEqual([['1', GENESIS]]);
    expect(await checked()).toEqual({ status: 'INTACT', entries: 5, problem: null });
  });

  it('refuses a malformed entry or chain name before writing anything', async () => {
    const before = (await rows()).length;
    await expect(appendDisclosures(ds, CHAIN, [entry(), entry({ operationHash: 'abc' })])).rejects.toThrow(/entry 1: operationHash/);
    await expect(appendDisclosures(ds, CHAIN, [entry({ principalId: 'nobody' })])).rejects.toThrow(/principalId is not a uuid/);
    await expect(appendDisclosures(ds, CHAIN, [entry({ effect: 'DENY' as never })])).rejects.toThrow(/effect/);
    // A lone surrogate cannot be stored as text: refused here, not by the database halfway through a batch.
    await expect(appendDisclosures(ds, CHAIN, [entry({ fields: ['ok', 'bad\ud800'] })])).rejects.toThrow(/entry 0: fields\[1\]/);
    await expect(appendDisclosures(ds, 'Gateway; DROP', [entry()])).rejects.toThrow(/chain name/);
    expect(await rows()).toHaveLength(before);
  });

  it('serialises concurrent appends: the chain still verifies and each call stays contiguous', async () => {
    const before = (await rows()).length;
    const batches = Array.from({ length: 6 }, (_, b) => Array.from({ length: 20 + b }, () => entry({ typeName: `Batch${b}` })));
    await Promise.all(batches.map((batch) => appendDisclosures(ds, CHAIN, batch)));
    const added = (await rows()).slice(before);
    expect(added).toHaveLength(batches.reduce((n, b) => n + b.length, 0));
    const order = added.map((r) => r.request_id);
    for (const batch of batches) {
      const start = order.indexOf(batch[0].requestId);
      expect(order.slice(start, start + batch.length)).toEqual(batch.map((e) => e.requestId));
    }
    expect(await checked()).toEqual({ status: 'INTACT', entries: before + added.length, problem: null });
  });

  it('group commit: requests waiting for an append in flight share the next transaction; a failure fails exactly its own requests', async () => {
    const writer = auditWriterFor(ds);
    const chain = `${CHAIN}-group`;
    // Fifty callers in one tick: one transaction.
    const before = { ...writer.stats };
    const many = Array.from({ length: 50 }, () => [entry(), entry()]);
    await Promise.all(many.map((e) => appendDisclosures(ds, chain, e)));
    expect(writer.stats.transactions - before.transactions).toBe(1);
    expect(writer.stats.requests - before.requests).toBe(50);
    expect((await rows(chain)).map((r) => r.request_id)).toEqual(many.flat().map((e) => e.requestId));

    // The first transaction fails while two more requests wait: they commit together in the next one, it alone fails.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const spy = jest.spyOn(ds, 'transaction').mockImplementationOnce((async () => {
      await gate;
      throw new Error('connection lost');
    }) as never);
    try {
      const doomed = entry();
      const failing = appendDisclosures(ds, chain, [doomed]);
      await sleep(0);
      const waiting = [entry(), entry()];
      const later = waiting.map((e) => appendDisclosures(ds, chain, [e]));
      expect(writer.stats.waiting).toBe(2);
      const mid = { ...writer.stats };
      release();
      await expect(failing).rejects.toThrow('connection lost');
      await Promise.all(later);
      expect(writer.stats.transactions - mid.transactions).toBe(1);
      expect(writer.stats.failedTransactions - before.failedTransactions).toBe(1);
      const stored = (await rows(chain)).map((r) => r.request_id);
      expect(stored).not.toContain(doomed.requestId);
      expect(stored.slice(-2)).toEqual(waiting.map((e) => e.requestId));
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
    expect(await checked(chain)).toEqual({ status: 'INTACT', entries: 102, problem: null });
  });

  it('50 concurrent disclosing requests through the gateway: batched (fewer transactions than requests), every entry in a valid chain', async () => {
    const writer = auditWriterFor(ds);
    await writer.flush();
    const token = await hub.token('xcb-office');
    const ids = Array.from({ length: 50 }, (_, i) => `concurrent-${i}-${randomUUID().slice(0, 8)}`);
    // The chain's lock is held elsewhere (a slow database, another gateway process): appends queue behind it.
    const holder = await holdChainLock(hub.db.ownerUrl, PETITION_CHAIN);
    const before = { ...writer.stats };
    let responses: Promise<Response>[] = [];
    try {
      responses = ids.map((id) =>
        fetch(hub.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: token, 'x-request-id': id },
          body: JSON.stringify({ query: '{ petitions(first: 3) { nodes { id summary } } }' }),
        }),
      );
      // Every request has answered its query and waits for its entries: one in the transaction at the lock, the rest queued.
      while (writer.stats.requests - before.requests < 50) await sleep(20);
      // (Two that reach the writer in the same tick share the first transaction.)
      expect(writer.stats.waiting).toBeGreaterThanOrEqual(48);
    } finally {
      await holder.release();
    }
    const bodies = await Promise.all(responses.map(async (r) => (await r).json() as Promise<{ data?: { petitions: { nodes: { summary: string }[] } }; errors?: unknown }>));
    for (const b of bodies) expect(b.errors).toBeUndefined();
    expect(bodies.every((b) => b.data!.petitions.nodes.length === 3)).toBe(true);
    expect(writer.stats.transactions - before.transactions).toBe(2);
    const stored = await ds.query(`SELECT DISTINCT request_id FROM access.disclosure_audit WHERE chain = $1 AND request_id = ANY($2)`, [PETITION_CHAIN, ids]);
    expect(stored).toHaveLength(50);
    expect(await checked(PETITION_CHAIN)).toMatchObject({ status: 'INTACT', problem: null });
  });

  it('a disclosure that cannot be written to the trail is not sent: 503 SERVICE_UNAVAILABLE, no data, nothing stored', async () => {
    const writer = auditWriterFor(ds);
    await writer.flush();
    const token = await hub.token('xcb-office');
    const id = `unwritable-${randomUUID().slice(0, 8)}`;
    const spy = jest.spyOn(ds, 'transaction').mockImplementationOnce((async () => {
      throw new Error('connection lost');
    }) as never);
    try {
      const res = await fetch(hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: token, 'x-request-id': id },
        body: JSON.stringify({ query: '{ petitions(first: 3) { nodes { id summary } } }' }),
      });
      const text = await res.text();
      const body = JSON.parse(text) as { data?: { petitions: unknown } | null; errors?: { extensions?: { code?: string } }[] };
      expect({ status: res.status, retryAfter: res.headers.get('retry-after') !== null, petitions: body.data?.petitions ?? null, codes: body.errors?.map((e) => e.extensions?.code) }).toEqual({
        status: 503,
        retryAfter: true,
        petitions: null,
        codes: ['SERVICE_UNAVAILABLE'],
      });
      // Not a summary, nor the library's words.
      expect(text).not.toMatch(/summary"\s*:\s*"|connection lost/);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
    expect(await ds.query('SELECT count(*)::int AS n FROM access.disclosure_audit WHERE request_id = $1', [id])).toEqual([{ n: 0 }]);
    // The next request is disclosed and logged as usual.
    const next = await gql(hub.url, token, '{ petitions(first: 3) { nodes { id summary } } }');
    expect(next.data?.petitions.nodes).toHaveLength(3);
  });

  it('writes 500 entries with ONE insert statement (as many statements as for one entry)', async () => {
    const one: SqlCounter = { statements: 0 };
    const many: SqlCounter = { statements: 0 };
    await runWithSqlCounter(one, () => appendDisclosures(ds, CHAIN, [entry()]));
    const spy = jest.spyOn(ds.logger, 'logQuery'); // calls through: the counter still counts
    let logged: string[];
    try {
      await runWithSqlCounter(many, () =>
        appendDisclosures(
          ds,
          CHAIN,
          Array.from({ length: 500 }, () => entry()),
        ),
      );
      logged = spy.mock.calls.map(([q]) => q);
    } finally {
      spy.mockRestore();
    }
    expect(logged).toHaveLength(many.statements);
    expect(logged.filter((q) => /^\s*INSERT/i.test(q))).toHaveLength(1);
    expect(many.statements).toBe(one.statements);
    expect(many.statements).toBeLessThanOrEqual(5); // begin, advisory lock, last hash, insert, commit
    expect((await checked()).status).toBe('INTACT');
  });

  it('verifies chains longer than one verification batch (5,000 rows)', async () => {
    const before = (await rows()).length;
    await appendDisclosures(ds, CHAIN, Array.from({ length: 4000 }, () => entry()));
    await appendDisclosures(ds, CHAIN, Array.from({ length: 1500 }, () => entry()));
    expect(await checked()).toEqual({ status: 'INTACT', entries: before + 5500, problem: null });
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE even to the superuser; the hub’s role may not even try, nor switch the guard off', async () => {
    const before = await rows();
    const seq = before[1].seq;
    for (const sql of [`UPDATE access.disclosure_audit SET fields = '{}' WHERE seq = ${seq}`, `DELETE FROM access.disclosure_audit WHERE seq = ${seq}`, 'DELETE FROM access.disclosure_audit', 'TRUNCATE access.disclosure_audit']) {
      await expect(hub.superuser(sql)).rejects.toThrow(/disclosure_audit is append-only/);
    }
    const quiet = jest.spyOn(ds.logger, 'logQueryError').mockImplementation(() => undefined); // expected errors
    try {
      await expect(ds.query(`UPDATE access.disclosure_audit SET fields = '{}' WHERE seq = $1`, [seq])).rejects.toThrow(/permission denied for table disclosure_audit/);
      await expect(ds.query(`DELETE FROM access.disclosure_audit WHERE seq = $1`, [seq])).rejects.toThrow(/permission denied for table disclosure_audit/);
      await expect(ds.query('TRUNCATE access.disclosure_audit')).rejects.toThrow(/permission denied for table disclosure_audit/);
      await expect(ds.query('ALTER TABLE access.disclosure_audit DISABLE TRIGGER disclosure_audit_no_update_delete')).rejects.toThrow(/must be owner of table disclosure_audit/);
      await expect(ds.query('ALTER TABLE access.disclosure_audit DISABLE TRIGGER ALL')).rejects.toThrow(/must be owner of table disclosure_audit/);
      await expect(ds.query('DROP TABLE access.disclosure_audit')).rejects.toThrow(/must be owner of table disclosure_audit/);
      await expect(ds.query('SET session_replication_role = replica')).rejects.toThrow(/permission denied to set parameter "session_replication_role"/);
      expect(quiet).toHaveBeenCalledTimes(7);
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
      await appendDisclosures(ds, CHAIN, early);
      await sleep(30);
      boundary = new Date().toISOString();
      await sleep(30);
      const late = [
        entry({ principalId: p1, agencyId: agency, unitCreditCodes: ['UNIT-A'] }),
        // Another chain: the admin query answers across chains, newest first.
        entry({ principalId: p1, agencyId: agency, unitCreditCodes: ['UNIT-C'], recordIds: [record] }),
      ];
      await appendDisclosures(ds, CHAIN, [late[0]]);
      await appendDisclosures(ds, `${CHAIN}-other`, [late[1]]);
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

    it('filters by chain, principal, agency, unit, record and time range, newest first across chains', async () => {
      expect(ids(await audit(admin, { agencyId: agency }))).toEqual(all());
      expect(ids(await audit(admin, { agencyId: agency, chain: CHAIN }))).toEqual(all().filter((id) => id !== lateIds[0]));
      expect(ids(await audit(admin, { agencyId: agency, chain: `${CHAIN}-other` }))).toEqual([lateIds[0]]);
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

    it('returns the stored entry with its chain, position, algorithm, key id and hashes', async () => {
      const res = await audit(admin, { record, first: 1 });
      const [node] = res.data.disclosureAudit.nodes;
      const [row] = await ds.query('SELECT * FROM access.disclosure_audit WHERE id = $1', [node.id]);
      expect(node).toEqual({
        seq: String(row.seq),
        chain: `${CHAIN}-other`,
        position: String(row.position),
        alg: 'hmac-sha256',
        keyId: keyId(Buffer.from(hub.config.auditHmacKey)),
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

    it('is refused to everyone but admins, and so is its verification', async () => {
      for (const login of ['xcb-office', 'xcb-leader', 'xfj-officer', 'xfj-system']) {
        const token = await hub.token(login);
        const res = await audit(token, { agencyId: agency });
        expect({ login, codes: codes(res), data: res.data?.disclosureAudit ?? null }).toEqual({ login, codes: ['FORBIDDEN'], data: null });
        const v = await gql(hub.url, token, VERIFY_QUERY);
        expect({ login, codes: codes(v), data: v.data?.verifyDisclosureAudit ?? null }).toEqual({ login, codes: ['FORBIDDEN'], data: null });
      }
    });
  });

  it('verifyDisclosureAudit (admins) and npm run audit:verify name the first broken entry of each chain', async () => {
    await auditWriterFor(ds).flush();
    const intact = await gql(hub.url, admin, VERIFY_QUERY);
    expect(intact.errors).toBeUndefined();
    const v = intact.data.verifyDisclosureAudit;
    expect(v.status).toBe('INTACT');
    const mine = v.chains.find((c: { chain: string }) => c.chain === CHAIN);
    const count = (await rows()).length;
    expect(mine).toEqual({
      chain: CHAIN,
      status: 'INTACT',
      entries: count,
      legacyEntries: 0,
      algorithm: 'hmac-sha256',
      keyId: keyId(Buffer.from(hub.config.auditHmacKey)),
      checkpointPosition: String(count),
      checkpointAt: expect.any(String),
      afterCheckpoint: 0,
      problem: null,
    });
    expect(v.chains.map((c: { chain: string }) => c.chain)).toEqual([PETITION_CHAIN, CHAIN, `${CHAIN}-group`, `${CHAIN}-other`]);

    // As the superuser with the triggers off for one transaction, an entry's fields are changed.
    const victim = (await rows())[Math.floor(count / 2)];
    await hub.superuser(`BEGIN; SET LOCAL session_replication_role = replica; UPDATE access.disclosure_audit SET fields = '{harmless}' WHERE seq = ${victim.seq}; COMMIT`);
    const broken = (await gql(hub.url, admin, VERIFY_QUERY)).data.verifyDisclosureAudit;
    expect(broken.status).toBe('BROKEN');
    expect(broken.chains.find((c: { chain: string }) => c.chain === CHAIN)).toMatchObject({
      status: 'BROKEN',
      entries: Number(victim.position) - 1,
      problem: { kind: 'ENTRY_ALTERED', position: victim.position, seq: victim.seq, message: expect.stringContaining(`第 ${victim.position} 条记录与其校验码不符`), entry: { id: victim.id, position: victim.position } },
    });
    expect(broken.chains.filter((c: { status: string }) => c.status !== 'INTACT').map((c: { chain: string }) => c.chain)).toEqual([CHAIN]);
    const cli = await auditVerifyCli(hub);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`audit chain ${CHAIN}: BROKEN at entry ${victim.position} (seq ${victim.seq}): ENTRY_ALTERED: entry ${victim.position} does not match its MAC`);
    expect(cli.stdout).toContain(`audit chain ${PETITION_CHAIN}: OK`);
    expect(cli.stdout.trim().split('\n').pop()).toBe('audit trail BROKEN');
  });
});
