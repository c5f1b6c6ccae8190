import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { entryHash, keyedEntryText, type ChainedEntry, type DisclosureEntry } from '../src/authz/audit-chain';
import { FileCheckpointStore, signCheckpoint } from '../src/authz/audit-checkpoints';
import { auditKeys, keyId, macHex } from '../src/authz/audit-key';
import { chainedEntry, verifyAuditTrail, type AuditRow } from '../src/authz/audit-verification';
import { appendDisclosures, auditWriterFor, AuditWriter } from '../src/authz/audit-writer';
import { auditCheckpointDir } from '../src/config';
import { subgraphDataSource } from '../src/db/datasource';
import { subgraphByName } from '../src/subgraphs/registry';
import { asSuperuserWithoutTriggers, auditEntry, auditVerifyCli, chainReport, sha256, verifyHub } from './support/audit';
import { startTestHub, type TestHub } from './support/hub';

type Sql = (sql: string, params?: unknown[]) => Promise<any[]>;

/**
 * Issue 9: with the database superuser's credentials an attacker can switch the
 * triggers off and rewrite the table, and knows how entries are hashed — but not
 * the key. Each way of rewriting history is detected and named, by the function
 * `npm run audit:verify` uses and by the CLI itself.
 */
describe('the audit chain against a database superuser who knows the algorithm but not the key (issue 9)', () => {
  let hub: TestHub;
  let ds: DataSource;
  const principal = randomUUID();
  const agency = randomUUID();
  const WRONG_KEY = Buffer.from('an attacker guessing the audit key, 32+ chars');

  const entries = (n: number, over: Partial<DisclosureEntry> = {}) => Array.from({ length: n }, () => auditEntry(principal, agency, over));
  /** Ten entries in two appends, checkpointed at 5 and 10. */
  const fill = async (chain: string) => {
    const writer = auditWriterFor(ds);
    await appendDisclosures(ds, chain, entries(5));
    await writer.flush();
    await appendDisclosures(ds, chain, entries(5));
    await writer.flush();
  };
  const stored = (q: Sql, chain: string): Promise<AuditRow[]> =>
    q(`SELECT *, at = date_trunc('milliseconds', at) AS at_ms FROM access.disclosure_audit WHERE chain = $1 ORDER BY "position"`, [chain]);
  /** The attacker's rewrite: from `from` on, every entry gets its predecessor's new hash and a hash of `rehash`'s choosing. */
  const rewriteFrom = async (
    q: Sql,
    chain: string,
    from: number,
    rehash: (e: ChainedEntry) => Pick<ChainedEntry, 'alg' | 'keyId'> & { hash: string },
    edit: (e: ChainedEntry) => ChainedEntry = (e) => e,
  ) => {
    const rows = await stored(q, chain);
    let prev = rows[0].prev_hash;
    for (const [i, r] of rows.entries()) {
      const position = i + 1; // renumbered over any gap
      if (position >= from) {
        const e = edit({ ...chainedEntry(r), position: String(position), prevHash: prev });
        const h = rehash(e);
        await q(`UPDATE access.disclosure_audit SET "position" = $2, prev_hash = $3, hash = $4, alg = $5, key_id = $6, principal_id = $7, record_ids = $8 WHERE seq = $1`, [
          r.seq,
          position,
          prev,
          h.hash,
          h.alg,
          h.keyId,
          e.principalId,
          e.recordIds,
        ]);
        prev = h.hash;
      } else prev = r.hash;
    }
  };
  const attack = (fn: (q: Sql) => Promise<unknown>) => asSuperuserWithoutTriggers(hub.db.ownerUrl, async (q) => void (await fn(q)));
  /** Deletes the chain's entries from `position` on (`only`: that one entry). */
  const remove = (q: Sql, chain: string, position: number, only = false) =>
    q(`DELETE FROM access.disclosure_audit WHERE chain = $1 AND "position" ${only ? '=' : '>='} $2`, [chain, position]);
  const plainSha256 = (e: ChainedEntry) => ({ alg: e.alg, keyId: e.keyId, hash: sha256(keyedEntryText(e)) });
  const wrongKey = (e: ChainedEntry) => ({ alg: e.alg, keyId: e.keyId, hash: macHex('hmac-sha256', WRONG_KEY, keyedEntryText(e)) });
  const asLegacy = (e: ChainedEntry) => ({ alg: 'sha256' as const, keyId: null, hash: entryHash({ ...e, alg: 'sha256', keyId: null }) });
  const problemOf = async (chain: string) => {
    const c = chainReport(await verifyHub(hub), chain)!;
    return { status: c.status, kind: c.problem?.kind, position: c.problem?.position, entries: c.entries };
  };

  beforeAll(async () => {
    hub = await startTestHub({ seed: false });
    ds = hub.sources.get('access')!;
  });
  afterAll(() => hub?.stop());

  describe('while every chain is intact', () => {
    it('HMAC-SM3 (AUDIT_HASH=sm3) for 国密 deployments: entries say so, a chain may switch algorithm, and it verifies', async () => {
      // The SM3 of Node's crypto is GB/T 32905 SM3 (its standard test vector).
      expect(createHash('sm3').update('abc').digest('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
      const sm3 = new AuditWriter(ds, auditKeys({ ...hub.config, auditHash: 'sm3' }), new FileCheckpointStore(auditCheckpointDir(hub.config)), 0);
      await appendDisclosures(ds, 'guomi', entries(2));
      await sm3.append('guomi', entries(3));
      await sm3.flush();
      const rows = await stored((sql, p) => hub.superuser(sql, p), 'guomi');
      expect(rows.map((r) => r.alg)).toEqual(['hmac-sha256', 'hmac-sha256', 'hmac-sm3', 'hmac-sm3', 'hmac-sm3']);
      const key = Buffer.from(hub.config.auditHmacKey);
      expect(rows[4].hash).toBe(createHmac('sm3', key).update(keyedEntryText(chainedEntry(rows[4]))).digest('hex'));
      expect(rows[4].key_id).toBe(keyId(key));
      expect(await problemOf('guomi')).toEqual({ status: 'INTACT', kind: undefined, position: undefined, entries: 5 });
    });

    it('a rotated key still verifies what it wrote when listed in AUDIT_HMAC_PREVIOUS_KEYS; unlisted, the chain cannot be checked (exit 2)', async () => {
      await fill('rotation');
      const newKey = randomBytes(32).toString('base64url');
      const unknown = await auditVerifyCli(hub, { AUDIT_HMAC_KEY: newKey });
      expect(unknown.code).toBe(2);
      // Its checkpoints are keyed too, and come first.
      expect(unknown.stdout).toMatch(/^audit chain rotation: UNVERIFIABLE: UNKNOWN_KEY: checkpoint line 1 of \S+rotation.checkpoints.jsonl is keyed with [0-9a-f]{16}, which is not configured/m);
      expect(unknown.stdout.trim().split('\n').pop()).toBe('audit trail UNVERIFIABLE');
      const withoutCheckpoints = await verifyAuditTrail(ds, { keys: auditKeys({ ...hub.config, auditHmacKey: newKey }), checkpoints: new FileCheckpointStore(path.join(process.env.HUB_TEST_TMP!, 'none')) });
      expect(chainReport(withoutCheckpoints, 'rotation')).toMatchObject({ status: 'UNVERIFIABLE', entries: 0, problem: { kind: 'UNKNOWN_KEY', position: '1' } });
      const rotated = await auditVerifyCli(hub, { AUDIT_HMAC_KEY: newKey, AUDIT_HMAC_PREVIOUS_KEYS: hub.config.auditHmacKey });
      expect(rotated.stdout).toMatch(/^audit chain rotation: OK, 10 entries, hmac-sha256 key [0-9a-f]{16}, checkpoint at 10 \(.*\), 0 after it$/m);
      expect({ code: rotated.code, last: rotated.stdout.trim().split('\n').pop() }).toEqual({ code: 0, last: 'audit trail OK: 2 chain(s), 15 entries' });
    });

    it('exits 2 when the database cannot be reached', async () => {
      const cli = await auditVerifyCli(hub, { DATABASE_URL: 'postgres://nobody:x@127.0.0.1:1/none' });
      expect(cli.code).toBe(2);
    });
  });

  it('tail truncation: named TAIL_TRUNCATED with the first missing entry (CLI exit 1)', async () => {
    await fill('tail');
    await attack((q) => remove(q, 'tail', 8));
    expect(await problemOf('tail')).toEqual({ status: 'BROKEN', kind: 'TAIL_TRUNCATED', position: '8', entries: 7 });
    const cli = await auditVerifyCli(hub);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(/^audit chain tail: BROKEN at entry 8: TAIL_TRUNCATED: the chain has 7 entries but the checkpoint of \S+ records 10: entries 8–10 were cut off$/m);
  });

  it('tail truncation followed by the hub writing on: the old checkpoint names the rewritten entry (CHECKPOINT_MISMATCH)', async () => {
    await fill('cut-and-go-on');
    await attack((q) => remove(q, 'cut-and-go-on', 8));
    // The hub does not notice and goes on: positions 8… again, and newer checkpoints that match them.
    await appendDisclosures(ds, 'cut-and-go-on', entries(6));
    expect(await problemOf('cut-and-go-on')).toEqual({ status: 'BROKEN', kind: 'CHECKPOINT_MISMATCH', position: '10', entries: 13 });
  });

  it.each([
    ['plain SHA-256', 'middle-sha', 4, plainSha256],
    ['an HMAC under a guessed key', 'middle-key', 6, wrongKey],
  ] as const)('middle deletion, every later entry renumbered and re-hashed with %s: ENTRY_ALTERED at the first re-hashed entry', async (_, chain, position, rehash) => {
    await fill(chain);
    await attack(async (q) => {
      await remove(q, chain, position, true);
      await rewriteFrom(q, chain, position, rehash);
    });
    expect(await problemOf(chain)).toEqual({ status: 'BROKEN', kind: 'ENTRY_ALTERED', position: String(position), entries: position - 1 });
    const cli = await auditVerifyCli(hub);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(
      new RegExp(`^audit chain ${chain}: BROKEN at entry ${position} \\(seq \\d+\\): ENTRY_ALTERED: entry ${position} does not match its MAC: altered, or entries were deleted or swapped and the rest re-hashed without the key$`, 'm'),
    );
  });

  it('middle deletion left as it is: ENTRY_DELETED at the missing position; renumbered without re-hashing: ENTRY_DELETED where the link breaks', async () => {
    await fill('gap');
    await attack((q) => remove(q, 'gap', 3, true));
    expect(await problemOf('gap')).toEqual({ status: 'BROKEN', kind: 'ENTRY_DELETED', position: '3', entries: 2 });

    await fill('renumbered');
    await attack(async (q) => {
      await remove(q, 'renumbered', 3, true);
      for (const r of (await stored(q, 'renumbered')).slice(2)) await q('UPDATE access.disclosure_audit SET "position" = $2 WHERE seq = $1', [r.seq, Number(r.position) - 1]);
    });
    expect(await problemOf('renumbered')).toEqual({ status: 'BROKEN', kind: 'ENTRY_DELETED', position: '3', entries: 2 });
  });

  it('field swap (principal of two entries exchanged, a record id removed) with every entry from there re-hashed: ENTRY_ALTERED at the first', async () => {
    await fill('swap');
    await attack(async (q) => {
      const rows = await stored(q, 'swap');
      const [a, b] = [rows[2], rows[6]];
      await rewriteFrom(q, 'swap', 3, wrongKey, (e) =>
        e.position === '3' ? { ...e, principalId: b.principal_id } : e.position === '7' ? { ...e, principalId: a.principal_id } : e.position === '8' ? { ...e, recordIds: e.recordIds.slice(1) } : e,
      );
      const after = await stored(q, 'swap');
      expect([after[2].principal_id, after[6].principal_id, after[7].record_ids.length]).toEqual([b.principal_id, a.principal_id, 1]);
    });
    expect(await problemOf('swap')).toEqual({ status: 'BROKEN', kind: 'ENTRY_ALTERED', position: '3', entries: 2 });
  });

  it('keyed entries relabelled as unkeyed legacy ones: LEGACY_DOWNGRADE; the whole chain relabelled: the checkpoints disagree (CHECKPOINT_MISMATCH)', async () => {
    await fill('downgrade');
    await attack((q) => rewriteFrom(q, 'downgrade', 6, asLegacy));
    expect(await problemOf('downgrade')).toEqual({ status: 'BROKEN', kind: 'LEGACY_DOWNGRADE', position: '6', entries: 5 });

    await fill('all-legacy');
    await attack((q) => rewriteFrom(q, 'all-legacy', 1, asLegacy));
    expect(await problemOf('all-legacy')).toEqual({ status: 'BROKEN', kind: 'CHECKPOINT_MISMATCH', position: '5', entries: 10 });
  });

  it('a forged checkpoint (MAC under a guessed key) or an edited one is CHECKPOINT_INVALID, naming the line', async () => {
    await fill('forged');
    const file = new FileCheckpointStore(auditCheckpointDir(hub.config)).file('forged');
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2);
    // Cut the chain to 7 and add a checkpoint that says 7 is the end.
    const rows = await stored((sql, p) => hub.superuser(sql, p), 'forged');
    await attack((q) => remove(q, 'forged', 8));
    const forged = { ...JSON.parse(lines[1]), position: '7', head: rows[6].hash, at: new Date().toISOString() };
    const text = `checkpoint\n${JSON.stringify({ chain: forged.chain, position: forged.position, head: forged.head, at: forged.at, alg: forged.alg, keyId: forged.keyId })}`;
    await appendFile(file, `${JSON.stringify({ ...forged, mac: macHex('hmac-sha256', WRONG_KEY, text) })}\n`);
    expect(await problemOf('forged')).toEqual({ status: 'BROKEN', kind: 'CHECKPOINT_INVALID', position: null, entries: 7 });
    const cli = await auditVerifyCli(hub);
    expect(cli.stdout).toMatch(new RegExp(`^audit chain forged: BROKEN: CHECKPOINT_INVALID: checkpoint line 3 of ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid \\(MAC does not match\\): forged or altered$`, 'm'));

    // Replacing the file by its first, genuine line plus an edited second: the edit is found.
    await writeFile(file, `${lines[0]}\n${lines[1].replace('"position":"10"', '"position":"7"')}\n`);
    expect(await problemOf('forged')).toMatchObject({ kind: 'CHECKPOINT_INVALID' });
    expect(chainReport(await verifyHub(hub), 'forged')!.problem!.message).toMatch(/line 2 .*MAC does not match/);
  });

  it('a removed checkpoint file leaves keyed entries unanchored: NO_CHECKPOINT', async () => {
    await fill('unanchored');
    await rm(new FileCheckpointStore(auditCheckpointDir(hub.config)).file('unanchored'));
    expect(await problemOf('unanchored')).toEqual({ status: 'BROKEN', kind: 'NO_CHECKPOINT', position: null, entries: 10 });
  });

  it('a definite break outranks a checkpoint it cannot check (unknown key): BROKEN, not UNVERIFIABLE', async () => {
    await fill('outranked');
    const stranger = auditKeys({ auditHmacKey: randomBytes(32).toString('base64url'), auditPreviousKeys: [], auditHash: 'sha256' });
    const rows = await stored((sql, p) => hub.superuser(sql, p), 'outranked');
    await new FileCheckpointStore(auditCheckpointDir(hub.config)).append(signCheckpoint(stranger, 'outranked', '10', rows[9].hash));
    expect(await problemOf('outranked')).toEqual({ status: 'UNVERIFIABLE', kind: 'UNKNOWN_KEY', position: null, entries: 10 });
    await attack((q) => q(`UPDATE access.disclosure_audit SET fields = '{harmless}' WHERE chain = 'outranked' AND "position" = 2`));
    expect(await problemOf('outranked')).toEqual({ status: 'BROKEN', kind: 'ENTRY_ALTERED', position: '2', entries: 1 });
  });

  it('a chain whose every entry was deleted is still reported, from its checkpoints', async () => {
    await fill('vanished');
    await attack((q) => remove(q, 'vanished', 1));
    expect(await problemOf('vanished')).toEqual({ status: 'BROKEN', kind: 'TAIL_TRUNCATED', position: '1', entries: 0 });
  });

  it('the intact chains stay intact next to the broken ones', async () => {
    const report = await verifyHub(hub);
    expect(report.status).toBe('BROKEN');
    expect(report.chains.filter((c) => c.status === 'INTACT').map((c) => c.chain)).toEqual(['guomi', 'rotation']);
  });
});

describe('entries written before keyed chains (the migration keeps them as a legacy start)', () => {
  const adminUrl = process.env.HUB_TEST_ADMIN_URL!;
  const name = `hub_test_legacy_${randomBytes(4).toString('hex')}`;
  let url: string;
  let ds: DataSource;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    url = u.toString();
  });
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('verifies them with plain SHA-256, then seals them: a keyed entry’s MAC covers the last legacy hash', async () => {
    const access = subgraphByName('access');
    const upTo = access.migrations.findIndex((m) => m.name === 'AuditChains1795662400000');
    expect(upTo).toBeGreaterThan(0);
    const schema = new pg.Client({ connectionString: url });
    await schema.connect();
    await schema.query('CREATE SCHEMA access');
    await schema.end();
    const before = subgraphDataSource({ ...access, migrations: access.migrations.slice(0, upTo) }, url);
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    // Three entries as the unkeyed chain wrote them: hash = sha256(prev_hash + canonical JSON).
    let prev = '0'.repeat(64);
    for (let i = 0; i < 3; i++) {
      const e = { id: randomUUID(), at: new Date(Date.UTC(2026, 0, 1, 8, 0, i)).toISOString(), ...auditEntry(randomUUID(), randomUUID()) };
      const json = JSON.stringify({ id: e.id, at: e.at, requestId: e.requestId, principalId: e.principalId, agencyId: e.agencyId, operationName: e.operationName, operationHash: e.operationHash, typeName: e.typeName, recordIds: e.recordIds, fields: e.fields, unitCreditCodes: e.unitCreditCodes, effect: e.effect, grantId: e.grantId });
      const hash = sha256(prev + json);
      await before.query(
        `INSERT INTO access.disclosure_audit (id, at, request_id, principal_id, agency_id, operation_name, operation_hash, type_name, record_ids, fields, unit_credit_codes, effect, grant_id, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [e.id, e.at, e.requestId, e.principalId, e.agencyId, e.operationName, e.operationHash, e.typeName, e.recordIds, e.fields, e.unitCreditCodes, e.effect, e.grantId, prev, hash],
      );
      prev = hash;
    }
    await before.destroy();

    ds = subgraphDataSource(access, url);
    await ds.initialize();
    expect((await ds.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual(access.migrations.slice(upTo).map((m) => m.name));
    const dir = path.join(process.env.HUB_TEST_TMP!, name);
    const config = { auditHmacKey: randomBytes(32).toString('base64url'), auditPreviousKeys: [], auditHash: 'sha256' as const };
    const settings = { keys: auditKeys(config), checkpoints: new FileCheckpointStore(dir) };
    const gateway = async () => (await verifyAuditTrail(ds, settings)).chains.find((c) => c.chain === 'gateway')!;
    // Unanchored legacy entries are what they always were: checked by their hashes alone.
    expect(await gateway()).toMatchObject({ status: 'INTACT', entries: 3, legacyEntries: 3, alg: 'sha256', keyId: null, checkpoint: null, problem: null });

    const writer = new AuditWriter(ds, settings.keys, settings.checkpoints, 0);
    await writer.append('gateway', [auditEntry(randomUUID(), randomUUID()), auditEntry(randomUUID(), randomUUID())]);
    await writer.flush();
    const rows: AuditRow[] = await ds.query(`SELECT *, true AS at_ms FROM access.disclosure_audit ORDER BY "position"`);
    expect(rows.map((r) => [r.position, r.alg])).toEqual([['1', 'sha256'], ['2', 'sha256'], ['3', 'sha256'], ['4', 'hmac-sha256'], ['5', 'hmac-sha256']]);
    expect(rows[3].prev_hash).toBe(prev);
    expect(await gateway()).toMatchObject({ status: 'INTACT', entries: 5, legacyEntries: 3, alg: 'hmac-sha256', checkpoint: { position: '5' }, problem: null });

    // A legacy entry rewritten with consistent legacy hashes no longer meets the keyed entry after it.
    await asSuperuserWithoutTriggers(url, async (q) => {
      const legacy = rows.slice(1, 3);
      let p = rows[0].hash;
      for (const r of legacy) {
        const e = { ...chainedEntry(r), fields: r.position === '2' ? ['harmless'] : r.fields, prevHash: p };
        const h = entryHash(e);
        await q('UPDATE access.disclosure_audit SET fields = $2, prev_hash = $3, hash = $4 WHERE seq = $1', [r.seq, e.fields, p, h]);
        p = h;
      }
      await q('UPDATE access.disclosure_audit SET prev_hash = $2 WHERE seq = $1', [rows[3].seq, p]);
    });
    expect(await gateway()).toMatchObject({ status: 'BROKEN', entries: 3, problem: { kind: 'ENTRY_ALTERED', position: '4' } });
  });
});
