import { timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { entryHash, GENESIS_HASH, type ChainedEntry } from './audit-chain';
import type { ChainCheckpoints, Checkpoint, CheckpointStore } from './audit-checkpoints';
import { KEYED_ALGORITHMS, type AuditAlgorithm, type AuditKeys, type KeyedAlgorithm } from './audit-key';

/**
 * Checks every audit chain in the table against its own MACs and links and
 * against its checkpoints, and names the first problem of each (what `npm run
 * audit:verify` prints and the admins' `verifyDisclosureAudit` returns).
 */
export type AuditProblemKind =
  /** The chain is shorter than its checkpoint says: entries were cut off the end. */
  | 'TAIL_TRUNCATED'
  /** A position is missing, or an entry does not link to the one before it. */
  | 'ENTRY_DELETED'
  /** An entry does not match its MAC (altered, or re-hashed without the key after a deletion or swap). */
  | 'ENTRY_ALTERED'
  /** An entry claims the unkeyed legacy hash after keyed entries. */
  | 'LEGACY_DOWNGRADE'
  /** The entry at a checkpoint's position is not the one the checkpoint recorded. */
  | 'CHECKPOINT_MISMATCH'
  /** A checkpoint line is forged, altered or malformed. */
  | 'CHECKPOINT_INVALID'
  /** Keyed entries but no checkpoint: the end of the chain cannot be checked. */
  | 'NO_CHECKPOINT'
  /** An entry or checkpoint uses a key that is not configured: could not be checked. */
  | 'UNKNOWN_KEY';

export type ChainStatus = 'INTACT' | 'BROKEN' | 'UNVERIFIABLE';

export interface AuditProblem {
  kind: AuditProblemKind;
  /** Position of the first broken entry in its chain (null: not about one entry). */
  position: string | null;
  /** Its `seq` (the entry number of the admin query), when the row exists. */
  seq: string | null;
  /** For people: English (CLI, logs) and Chinese (console). */
  message: string;
  messageZh: string;
}

export interface ChainReport {
  chain: string;
  status: ChainStatus;
  /** Entries that verified (before the problem, if any). */
  entries: number;
  /** Of which written with the unkeyed legacy hash. */
  legacyEntries: number;
  /** Algorithm and key id of the last verified entry. */
  alg: AuditAlgorithm | null;
  keyId: string | null;
  /** The latest valid checkpoint. */
  checkpoint: { position: string; at: string } | null;
  /** Verified entries after the checkpoint (not yet anchored). */
  afterCheckpoint: number;
  problem: AuditProblem | null;
}

export interface AuditTrailReport {
  status: ChainStatus;
  chains: ChainReport[];
}

export interface VerifySettings {
  keys: AuditKeys;
  checkpoints: CheckpointStore;
}

const BATCH = 5000;
const MAX_POSITION = '9223372036854775807';
const UNVERIFIABLE = new Set<AuditProblemKind>(['UNKNOWN_KEY']);

export interface AuditRow {
  seq: string;
  chain: string;
  position: string;
  alg: string;
  key_id: string | null;
  id: string;
  at: Date;
  /** false when `at` has sub-millisecond digits, which the hashed ISO string cannot show */
  at_ms: boolean;
  request_id: string;
  principal_id: string;
  agency_id: string;
  operation_name: string | null;
  operation_hash: string;
  type_name: string;
  record_ids: string[];
  fields: string[];
  unit_credit_codes: string[];
  effect: string;
  grant_id: string | null;
  prev_hash: string;
  hash: string;
}

/** A stored row as the MAC sees it. */
export const chainedEntry = (r: AuditRow): ChainedEntry => ({
  chain: r.chain,
  position: String(r.position),
  alg: r.alg as AuditAlgorithm,
  keyId: r.key_id,
  prevHash: r.prev_hash,
  id: r.id,
  at: r.at instanceof Date ? r.at.toISOString() : String(r.at),
  requestId: r.request_id,
  principalId: r.principal_id,
  agencyId: r.agency_id,
  operationName: r.operation_name,
  operationHash: r.operation_hash,
  typeName: r.type_name,
  recordIds: r.record_ids,
  fields: r.fields,
  unitCreditCodes: r.unit_credit_codes,
  effect: r.effect as ChainedEntry['effect'],
  grantId: r.grant_id,
});

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function problem(kind: AuditProblemKind, at: { position?: string | null; seq?: string | null }, message: string, messageZh: string): AuditProblem {
  return { kind, position: at.position ?? null, seq: at.seq ?? null, message, messageZh };
}

/** One chain's walk: fed its rows in position order, then finished. */
class ChainCheck {
  readonly report: ChainReport;
  private expected = 1n;
  private prevHash = GENESIS_HASH;
  private keyed = false;
  private lastPosition = 0n;
  private problem: AuditProblem | null = null;
  /** Set at the first broken entry (a bad checkpoint line does not stop the walk). */
  private stopped = false;

  constructor(
    chain: string,
    private readonly cps: ChainCheckpoints | undefined,
    /** The lowest position where a checkpoint names another hash than the entry there. */
    private readonly mismatch: CheckpointMismatch | undefined,
    private readonly keys: AuditKeys,
  ) {
    const latest = cps?.latest ?? null;
    this.report = { chain, status: 'INTACT', entries: 0, legacyEntries: 0, alg: null, keyId: null, checkpoint: latest && { position: latest.position, at: latest.at }, afterCheckpoint: 0, problem: null };
    const bad = cps?.invalid;
    if (bad?.unknownKey) {
      this.problem = problem('UNKNOWN_KEY', {}, `checkpoint line ${bad.line} of ${bad.file} is keyed with ${bad.unknownKey}, which is not configured (AUDIT_HMAC_KEY, AUDIT_HMAC_PREVIOUS_KEYS)`, `检查点文件 ${bad.file} 第 ${bad.line} 行使用的密钥 ${bad.unknownKey} 未配置，无法校验`);
    } else if (bad) {
      this.problem = problem('CHECKPOINT_INVALID', {}, `checkpoint line ${bad.line} of ${bad.file} is not valid (${bad.reason}): forged or altered`, `检查点文件 ${bad.file} 第 ${bad.line} 行无效（${bad.reason}）：被伪造或改动`);
    }
  }

  /** False once the chain is broken: the caller skips its remaining rows. */
  get open(): boolean {
    return !this.stopped;
  }

  /** Checks the next row of the chain; false at the first problem. */
  add(r: AuditRow): boolean {
    const position = BigInt(r.position);
    const at = { position: String(r.position), seq: String(r.seq) };
    if (position !== this.expected) {
      return this.fail(
        position > this.expected
          ? problem('ENTRY_DELETED', { position: String(this.expected) }, `entry ${this.expected} is missing: deleted`, `第 ${this.expected} 条记录缺失：被删除`)
          : problem('ENTRY_ALTERED', at, `entry ${position} is out of order: altered`, `第 ${position} 条记录顺序错乱：被改动`),
      );
    }
    if (r.prev_hash !== this.prevHash) {
      return this.fail(problem('ENTRY_DELETED', at, `entry ${position} does not link to entry ${position - 1n}: an entry before it was deleted or replaced`, `第 ${position} 条记录与前一条断链：其前的记录被删除或替换`));
    }
    const e = chainedEntry(r);
    let secret: Buffer | undefined;
    if (e.alg === 'sha256') {
      if (this.keyed || e.keyId !== null) {
        return this.fail(problem('LEGACY_DOWNGRADE', at, `entry ${position} claims the unkeyed legacy hash after keyed entries: rewritten`, `第 ${position} 条记录在带密钥的记录之后自称旧式无密钥哈希：被改写`));
      }
    } else if (KEYED_ALGORITHMS.includes(e.alg as KeyedAlgorithm)) {
      secret = e.keyId === null ? undefined : this.keys.byId.get(e.keyId);
      if (!secret) {
        return this.fail(problem('UNKNOWN_KEY', at, `entry ${position} is keyed with ${e.keyId}, which is not configured (AUDIT_HMAC_KEY, AUDIT_HMAC_PREVIOUS_KEYS)`, `第 ${position} 条记录使用的密钥 ${e.keyId} 未配置，无法校验`));
      }
    } else {
      return this.fail(problem('ENTRY_ALTERED', at, `entry ${position} names an unknown algorithm: altered`, `第 ${position} 条记录的算法无法识别：被改动`));
    }
    if (!r.at_ms || !sameHex(entryHash(e, secret), r.hash)) {
      return this.fail(
        problem(
          'ENTRY_ALTERED',
          at,
          `entry ${position} does not match its ${secret ? 'MAC' : 'hash'}: altered, or entries were deleted or swapped and the rest re-hashed without the key`,
          `第 ${position} 条记录与其校验码不符：被篡改，或删除、调换记录后在无密钥的情况下重算了哈希`,
        ),
      );
    }
    const cp = this.cps?.latest;
    if (secret) this.keyed = true;
    else this.report.legacyEntries++;
    this.report.entries++;
    if (cp && position > BigInt(cp.position)) this.report.afterCheckpoint++;
    this.report.alg = e.alg;
    this.report.keyId = e.keyId;
    this.prevHash = r.hash;
    this.lastPosition = position;
    this.expected = position + 1n;
    return true;
  }

  finish(): ChainReport {
    const cp = this.cps?.latest;
    const m = this.mismatch;
    // An entry the walk could not fault that a checkpoint saw differently: the chain was rewritten from there on (with the key: cut off and written again).
    const first = this.problem;
    if (m && (!first || UNVERIFIABLE.has(first.kind) || (first.position !== null && BigInt(first.position) > m.position))) {
      this.problem = problem(
        'CHECKPOINT_MISMATCH',
        { position: String(m.position), seq: m.seq },
        `entry ${m.position} is not the one the checkpoint of ${m.at} recorded: the chain was cut off and written again, or rewritten`,
        `第 ${m.position} 条记录与 ${m.at} 的检查点不符：链被截断后重新写入，或被改写`,
      );
    }
    // Only a walk that reached the end knows where the chain ends and whether it is keyed.
    if (!this.stopped && cp && this.lastPosition < BigInt(cp.position)) {
      this.note(
        problem(
          'TAIL_TRUNCATED',
          { position: String(this.lastPosition + 1n) },
          `the chain has ${this.lastPosition} entries but the checkpoint of ${cp.at} records ${cp.position}: entries ${this.lastPosition + 1n}–${cp.position} were cut off`,
          `链只有 ${this.lastPosition} 条记录，但 ${cp.at} 的检查点记录了 ${cp.position} 条：末尾第 ${this.lastPosition + 1n}–${cp.position} 条被删除`,
        ),
      );
    }
    if (!this.stopped && !cp && this.keyed) {
      this.note(problem('NO_CHECKPOINT', {}, 'no checkpoint anchors this chain, so its end cannot be checked (was the checkpoint store removed?)', '该链没有检查点，无法确认末尾是否被删除（检查点是否被移除？）'));
    }
    this.report.problem = this.problem;
    this.report.status = !this.problem ? 'INTACT' : UNVERIFIABLE.has(this.problem.kind) ? 'UNVERIFIABLE' : 'BROKEN';
    return this.report;
  }

  /** Keeps the first problem, except that a definite break outranks "could not check". */
  private note(p: AuditProblem): void {
    if (!this.problem || (UNVERIFIABLE.has(this.problem.kind) && !UNVERIFIABLE.has(p.kind))) this.problem = p;
  }

  private fail(p: AuditProblem): false {
    this.note(p);
    this.stopped = true;
    return false;
  }
}

interface CheckpointMismatch {
  position: bigint;
  seq: string;
  at: string;
}

/**
 * Compares every valid checkpoint with the entry at its position, 5,000 per
 * query while the store is read (memory stays bounded however many there are).
 * Positions past a chain's end are the walk's business (TAIL_TRUNCATED).
 */
class CheckpointComparison {
  readonly lowest = new Map<string, CheckpointMismatch>();
  private batch: Checkpoint[] = [];

  constructor(private readonly ds: DataSource) {}

  async run(settings: VerifySettings): Promise<{ checkpoints: Map<string, ChainCheckpoints>; lowest: Map<string, CheckpointMismatch> }> {
    const checkpoints = await settings.checkpoints.read(settings.keys, async (c) => {
      this.batch.push(c);
      if (this.batch.length >= BATCH) await this.compare();
    });
    await this.compare();
    return { checkpoints, lowest: this.lowest };
  }

  private async compare(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    if (!batch.length) return;
    const rows: { chain: string; position: string; seq: string; at: string }[] = await this.ds.query(
      `SELECT c.chain, c.position::text AS position, d.seq::text AS seq, c.at
         FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[]) AS c(chain, position, head, at)
         JOIN access.disclosure_audit d ON d.chain = c.chain AND d."position" = c.position
        WHERE d.hash <> c.head`,
      [batch.map((c) => c.chain), batch.map((c) => c.position), batch.map((c) => c.head), batch.map((c) => c.at)],
    );
    for (const r of rows) {
      const known = this.lowest.get(r.chain);
      if (!known || BigInt(r.position) < known.position) this.lowest.set(r.chain, { position: BigInt(r.position), seq: r.seq, at: r.at });
    }
  }
}

/**
 * Walks the table once in (chain, position) order, 5,000 rows per query (keyset on
 * the unique index), recomputing every hash and link; a chain that only its
 * checkpoints know (every entry deleted) is reported too. Throws when the
 * database or the checkpoint store cannot be read.
 */
export async function verifyAuditTrail(ds: DataSource, settings: VerifySettings): Promise<AuditTrailReport> {
  const mismatches = await new CheckpointComparison(ds).run(settings);
  const checkpoints = mismatches.checkpoints;
  const reports: ChainReport[] = [];
  const finish = (c: ChainCheck) => reports.push(c.finish());
  let current = null as ChainCheck | null;
  let after: [string, string] = ['', '0'];
  for (;;) {
    const rows: AuditRow[] = await ds.query(
      `SELECT seq, chain, "position", alg, key_id, id, at, at = date_trunc('milliseconds', at) AS at_ms, request_id, principal_id, agency_id, operation_name, operation_hash, type_name, record_ids, fields, unit_credit_codes, effect, grant_id, prev_hash, hash
       FROM access.disclosure_audit WHERE (chain, "position") > ($1, $2::bigint) ORDER BY chain, "position" LIMIT ${BATCH}`,
      after,
    );
    for (const r of rows) {
      if (current?.report.chain !== r.chain) {
        if (current) finish(current);
        current = new ChainCheck(r.chain, checkpoints.get(r.chain), mismatches.lowest.get(r.chain), settings.keys);
      }
      if (current.open) current.add(r);
      // A broken chain is reported at its first problem; its other rows are skipped.
      after = [r.chain, current.open ? String(r.position) : MAX_POSITION];
    }
    if (rows.length < BATCH) break;
  }
  if (current) finish(current);
  for (const [chain, cps] of checkpoints) {
    if (!reports.some((r) => r.chain === chain)) reports.push(new ChainCheck(chain, cps, undefined, settings.keys).finish());
  }
  reports.sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
  const status: ChainStatus = reports.some((r) => r.status === 'BROKEN') ? 'BROKEN' : reports.some((r) => r.status === 'UNVERIFIABLE') ? 'UNVERIFIABLE' : 'INTACT';
  return { status, chains: reports };
}
