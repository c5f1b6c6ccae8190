import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { auditCheckpointDir, type HubConfig } from '../config';
import { chargeSqlStatements, type SqlCounter } from '../db/sql-counter';
import { currentSqlCounter, runWithSqlCounter } from '../common/request-scope';
import { log } from '../log';
import { assertChainName, entryHash, GENESIS_HASH, normaliseEntry, type ChainedEntry, type DisclosureEntry } from './audit-chain';
import { FileCheckpointStore, signCheckpoint, type CheckpointStore } from './audit-checkpoints';
import { auditKeys, type AuditKeys } from './audit-key';

/** Advisory locks of audit chains live under this first key ("audi"); the second is hashtext(chain). */
export const CHAIN_LOCK_NAMESPACE = 0x61756469;
/** A transaction takes waiting requests up to this many entries (one request alone may be larger). */
const MAX_BATCH_ENTRIES = 5000;
const TABLE = 'access.disclosure_audit';

export interface AuditWriterStats {
  /** Append transactions committed or attempted (group commit: fewer than requests under load). */
  transactions: number;
  failedTransactions: number;
  /** appendDisclosures calls with entries, and their entries. */
  requests: number;
  entries: number;
  /** Requests waiting for the next transaction of their chain (not counting the one in flight). */
  waiting: number;
  checkpoints: number;
  checkpointErrors: number;
}

interface Waiting {
  entries: DisclosureEntry[];
  /** The statement counter of the request that appended (sqlStatements counts its audit transaction). */
  counter: SqlCounter | undefined;
  resolve(): void;
  reject(err: unknown): void;
}

interface ChainState {
  queue: Waiting[];
  /** The loop writing this chain's queue, while it runs. */
  flushing: Promise<void> | null;
  /** The last head this process committed, and whether a checkpoint still has to record it. */
  head: { position: string; hash: string } | null;
  dirty: boolean;
  lastCheckpointAt: number;
  timer: NodeJS.Timeout | null;
  writing: Promise<void> | null;
}

/**
 * Appends disclosures to the audit chains of one database, for one process.
 *
 * Group commit: each chain has at most one append transaction in flight per
 * process; requests that arrive meanwhile wait and go together in the next one
 * (one INSERT however many). A request's promise settles when the transaction
 * holding its entries has committed — or failed, which fails exactly the requests
 * it held. Across processes, appends to one chain serialise on an advisory lock of
 * that chain only, so chains never wait for each other.
 *
 * After a commit the chain's head is checkpointed (audit-checkpoints.ts) at once if
 * the last checkpoint is older than the interval, otherwise when it has passed: at
 * most one line per chain per interval, none while idle, and a head is anchored at
 * most one interval after it was committed. A checkpoint that cannot be written is
 * logged and retried with the next one; it never withholds a response.
 */
export class AuditWriter {
  readonly stats: AuditWriterStats = { transactions: 0, failedTransactions: 0, requests: 0, entries: 0, waiting: 0, checkpoints: 0, checkpointErrors: 0 };
  private readonly chains = new Map<string, ChainState>();

  constructor(
    private readonly ds: DataSource,
    private readonly keys: AuditKeys,
    readonly checkpoints: CheckpointStore,
    private readonly checkpointIntervalMs: number,
  ) {}

  /** Appends one response's entries to `chain`, in order and contiguous; resolves once committed. */
  async append(chain: string, entries: DisclosureEntry[]): Promise<void> {
    assertChainName(chain);
    if (!entries.length) return;
    const normalised = entries.map(normaliseEntry);
    const st = this.state(chain);
    const counter = currentSqlCounter();
    const done = new Promise<void>((resolve, reject) => st.queue.push({ entries: normalised, counter, resolve, reject }));
    this.stats.requests++;
    this.stats.entries += normalised.length;
    this.stats.waiting++;
    st.flushing ??= this.drain(chain, st);
    return done;
  }

  /** Waits for the appends in flight, then writes every pending checkpoint now (shutdown, tests). */
  async flush(): Promise<void> {
    for (const [chain, st] of this.chains) {
      await st.flushing;
      // A write in flight may record an older head than the last commit: then one more (no retrying a failing store forever).
      for (let attempt = 0; attempt < 3 && (st.writing || st.dirty); attempt++) {
        if (st.timer) clearTimeout(st.timer);
        st.timer = null;
        await (st.writing ?? this.writeCheckpoint(chain, st));
      }
    }
  }

  private state(chain: string): ChainState {
    let st = this.chains.get(chain);
    if (!st) {
      st = { queue: [], flushing: null, head: null, dirty: false, lastCheckpointAt: 0, timer: null, writing: null };
      this.chains.set(chain, st);
    }
    return st;
  }

  private async drain(chain: string, st: ChainState): Promise<void> {
    // Starts after the caller has queued its entries (one tick), so requests of the same tick share the first transaction.
    await Promise.resolve();
    try {
      while (st.queue.length) {
        const batch: Waiting[] = [];
        let size = 0;
        while (st.queue.length && (!batch.length || size + st.queue[0].entries.length <= MAX_BATCH_ENTRIES)) {
          const w = st.queue.shift()!;
          batch.push(w);
          size += w.entries.length;
        }
        this.stats.waiting -= batch.length;
        this.stats.transactions++;
        // The loop runs in the context of the request that started it; each request of the
        // batch is charged the statements of the transaction that committed its entries.
        const tx: SqlCounter = { statements: 0 };
        try {
          st.head = await runWithSqlCounter(tx, () => this.insert(chain, batch.flatMap((w) => w.entries)));
        } catch (err) {
          this.stats.failedTransactions++;
          for (const w of batch) {
            chargeSqlStatements(w.counter, tx.statements);
            w.reject(err);
          }
          continue;
        }
        for (const w of batch) {
          chargeSqlStatements(w.counter, tx.statements);
          w.resolve();
        }
        st.dirty = true;
        this.scheduleCheckpoint(chain, st);
      }
    } finally {
      st.flushing = null;
    }
  }

  /**
   * One transaction of five statements whatever the number of entries: begin, the
   * chain's advisory lock, its last entry, ONE INSERT of all rows (a single jsonb
   * parameter, so no parameter limit either), commit.
   */
  private insert(chain: string, entries: DisclosureEntry[]): Promise<{ position: string; hash: string }> {
    return this.ds.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [CHAIN_LOCK_NAMESPACE, chain]);
      // A statement of its own, after the lock: its snapshot sees the last append committed before us.
      const [last]: { position: string; hash: string }[] = await m.query(`SELECT "position", hash FROM ${TABLE} WHERE chain = $1 ORDER BY "position" DESC LIMIT 1`, [chain]);
      // Taken under the lock, so `at` follows the chain's order (on one clock).
      const at = new Date().toISOString();
      let position = BigInt(last?.position ?? 0);
      let prevHash = last?.hash ?? GENESIS_HASH;
      const rows = entries.map((content) => {
        position += 1n;
        const e: ChainedEntry = { ...content, chain, position: String(position), alg: this.keys.alg, keyId: this.keys.keyId, prevHash, id: randomUUID(), at };
        const hash = entryHash(e, this.keys.secret);
        prevHash = hash;
        return {
          chain,
          position: e.position,
          alg: e.alg,
          key_id: e.keyId,
          id: e.id,
          at,
          request_id: e.requestId,
          principal_id: e.principalId,
          agency_id: e.agencyId,
          operation_name: e.operationName,
          operation_hash: e.operationHash,
          type_name: e.typeName,
          record_ids: e.recordIds,
          fields: e.fields,
          unit_credit_codes: e.unitCreditCodes,
          effect: e.effect,
          grant_id: e.grantId,
          prev_hash: e.prevHash,
          hash,
        };
      });
      // `seq` (the default nextval) is drawn in the ORDER BY's order, so it follows the chain too.
      await m.query(
        `INSERT INTO ${TABLE} (chain, "position", alg, key_id, id, at, request_id, principal_id, agency_id, operation_name, operation_hash, type_name, record_ids, fields, unit_credit_codes, effect, grant_id, prev_hash, hash)
         SELECT r.chain, r."position", r.alg, r.key_id, r.id, r.at, r.request_id, r.principal_id, r.agency_id, r.operation_name, r.operation_hash, r.type_name, r.record_ids, r.fields, r.unit_credit_codes, r.effect, r.grant_id, r.prev_hash, r.hash
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(v, n)
         CROSS JOIN LATERAL jsonb_populate_record(NULL::${TABLE}, e.v) AS r
         ORDER BY e.n`,
        [JSON.stringify(rows)],
      );
      return { position: String(position), hash: prevHash };
    });
  }

  private scheduleCheckpoint(chain: string, st: ChainState): void {
    if (!st.dirty || st.timer || st.writing) return;
    const wait = st.lastCheckpointAt + this.checkpointIntervalMs - Date.now();
    if (wait > 0) {
      st.timer = setTimeout(() => {
        st.timer = null;
        this.scheduleCheckpoint(chain, st);
      }, wait);
      st.timer.unref();
      return;
    }
    void this.writeCheckpoint(chain, st);
  }

  private writeCheckpoint(chain: string, st: ChainState): Promise<void> {
    const head = st.head!;
    st.dirty = false;
    st.writing = this.checkpoints
      .append(signCheckpoint(this.keys, chain, head.position, head.hash))
      .then(
        () => {
          this.stats.checkpoints++;
        },
        (err) => {
          this.stats.checkpointErrors++;
          st.dirty = true;
          log.error({ err, chain, store: this.checkpoints.description }, 'audit checkpoint could not be written; the chain end is not anchored until one is');
        },
      )
      .finally(() => {
        st.writing = null;
        st.lastCheckpointAt = Date.now();
        this.scheduleCheckpoint(chain, st);
      });
    return st.writing;
  }
}

const writers = new WeakMap<DataSource, AuditWriter>();

/** Gives `ds` (a connection that reaches access.disclosure_audit) the audit writer of this process. */
export function attachAuditWriter(ds: DataSource, config: HubConfig): AuditWriter {
  const writer = new AuditWriter(ds, auditKeys(config), new FileCheckpointStore(auditCheckpointDir(config)), config.auditCheckpointIntervalMs);
  writers.set(ds, writer);
  return writer;
}

export function auditWriterFor(ds: DataSource): AuditWriter {
  const writer = writers.get(ds);
  if (!writer) throw new Error('no audit writer is attached to this data source (attachAuditWriter)');
  return writer;
}

/**
 * Appends one response's disclosures to `chain` (the gateway writes "gateway"; a
 * subgraph writing its own disclosures would use its name) and resolves once they
 * are committed.
 */
export const appendDisclosures = (ds: DataSource, chain: string, entries: DisclosureEntry[]): Promise<void> => auditWriterFor(ds).append(chain, entries);
