import { createReadStream } from 'node:fs';
import { mkdir, open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { timingSafeEqual } from 'node:crypto';
import { macHex, KEYED_ALGORITHMS, type AuditKeys, type KeyedAlgorithm } from './audit-key';

/**
 * Checkpoints anchor each audit chain outside the database: "chain C had N entries
 * and its N-th hash was H at time T", MAC'd with the audit key. The database can
 * lose its tail without a broken link; a checkpoint then names entries that are
 * gone, and every checkpoint ever written still names the entry it saw at its
 * position, so a chain cut short and written again differs from it there. Lines
 * may come from several writers in any order.
 */
export interface Checkpoint {
  chain: string;
  /** entries in the chain (= position of the head), a decimal string */
  position: string;
  head: string;
  at: string;
  alg: KeyedAlgorithm;
  keyId: string;
  mac: string;
}

const checkpointText = (c: Omit<Checkpoint, 'mac'>) =>
  `checkpoint\n${JSON.stringify({ chain: c.chain, position: c.position, head: c.head, at: c.at, alg: c.alg, keyId: c.keyId })}`;

export function signCheckpoint(keys: AuditKeys, chain: string, position: string, head: string, at = new Date().toISOString()): Checkpoint {
  const c = { chain, position, head, at, alg: keys.alg, keyId: keys.keyId };
  return { ...c, mac: macHex(keys.alg, keys.secret, checkpointText(c)) };
}

/** What verification learns from one chain's checkpoints. */
export interface ChainCheckpoints {
  /** The valid checkpoint with the highest position. */
  latest: Checkpoint | null;
  /** The first line that is not a valid checkpoint. */
  invalid: { line: number; file: string; reason: string; unknownKey?: string } | null;
}

/** Called with every valid checkpoint while reading (and awaited, so the reader can compare them in batches). */
export type CheckpointVisitor = (c: Checkpoint) => Promise<void> | void;

/** Where checkpoints are kept: a file per chain today; a second store could implement the same. */
export interface CheckpointStore {
  readonly description: string;
  append(c: Checkpoint): Promise<void>;
  /** Every chain's checkpoints, checked against the keys; each valid one is also handed to `visit`. */
  read(keys: AuditKeys, visit?: CheckpointVisitor): Promise<Map<string, ChainCheckpoints>>;
}

const FILE = /^([a-z][a-z0-9_-]{0,62})\.checkpoints\.jsonl$/;
const HEX64 = /^[0-9a-f]{64}$/;
const POSITION = /^[1-9][0-9]{0,18}$/;

/**
 * One append-only file per chain, `<dir>/<chain>.checkpoints.jsonl`, one JSON line
 * per checkpoint. Each line is one write() on a file opened O_APPEND and is synced
 * before the promise resolves; a crash can leave at most an unterminated last line,
 * which reading ignores.
 */
export class FileCheckpointStore implements CheckpointStore {
  constructor(readonly dir: string) {}

  get description() {
    return this.dir;
  }

  file(chain: string): string {
    return path.join(this.dir, `${chain}.checkpoints.jsonl`);
  }

  async append(c: Checkpoint): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const fh = await open(this.file(c.chain), 'a', 0o600);
    try {
      await fh.write(`${JSON.stringify(c)}\n`);
      await fh.sync();
    } finally {
      await fh.close();
    }
  }

  async read(keys: AuditKeys, visit: CheckpointVisitor = () => undefined): Promise<Map<string, ChainCheckpoints>> {
    const out = new Map<string, ChainCheckpoints>();
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      // No directory yet: nothing has been checkpointed. Anything else (permissions) is "could not check".
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return out;
      throw err;
    }
    for (const name of names.sort()) {
      const m = FILE.exec(name);
      if (m) out.set(m[1], await readChainFile(path.join(this.dir, name), m[1], keys, visit));
    }
    return out;
  }
}

async function readChainFile(file: string, chain: string, keys: AuditKeys, visit: CheckpointVisitor): Promise<ChainCheckpoints> {
  const result: ChainCheckpoints = { latest: null, invalid: null };
  const fh = await open(file, 'r');
  let terminated: boolean;
  try {
    const { size } = await fh.stat();
    const last = Buffer.alloc(1);
    terminated = size === 0 || ((await fh.read(last, 0, 1, size - 1)).bytesRead === 1 && last[0] === 0x0a);
  } finally {
    await fh.close();
  }
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  let pending: { line: number; text: string } | null = null;
  const check = async (line: number, text: string) => {
    const bad = (reason: string, unknownKey?: string) => {
      result.invalid ??= { line, file, reason, ...(unknownKey ? { unknownKey } : {}) };
    };
    let c: Checkpoint;
    try {
      c = JSON.parse(text);
    } catch {
      return bad('not JSON');
    }
    if (!c || typeof c !== 'object') return bad('not a checkpoint');
    if (c.chain !== chain) return bad(`names chain ${String(c.chain)}`);
    if (typeof c.position !== 'string' || !POSITION.test(c.position) || typeof c.head !== 'string' || !HEX64.test(c.head)) return bad('malformed position or head');
    if (typeof c.at !== 'string' || Number.isNaN(Date.parse(c.at)) || typeof c.mac !== 'string' || !HEX64.test(c.mac)) return bad('malformed time or MAC');
    if (!KEYED_ALGORITHMS.includes(c.alg)) return bad(`unknown algorithm ${String(c.alg)}`);
    const secret = keys.byId.get(c.keyId);
    if (!secret) return bad(`keyed with ${String(c.keyId)}, which is not configured`, String(c.keyId));
    const expected = Buffer.from(macHex(c.alg, secret, checkpointText(c)), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(c.mac, 'hex'))) return bad('MAC does not match');
    if (!result.latest || BigInt(c.position) > BigInt(result.latest.position)) result.latest = c;
    await visit(c);
  };
  for await (const text of lines) {
    n++;
    if (pending) await check(pending.line, pending.text);
    pending = { line: n, text };
  }
  // The last line without its newline is a write a crash interrupted, unless it is a whole checkpoint.
  if (pending) {
    let whole = terminated;
    if (!whole) {
      try {
        JSON.parse(pending.text);
        whole = true;
      } catch {
        whole = false;
      }
    }
    if (whole) await check(pending.line, pending.text);
  }
  return result;
}
