import { createHash } from 'node:crypto';
import { macHex, type AuditAlgorithm, type KeyedAlgorithm } from './audit-key';

/**
 * The disclosure audit trail (DESIGN.md §4): every response that discloses
 * CONDITIONAL or RESTRICTED data appends entries to access.disclosure_audit.
 *
 * The table holds several chains (`chain`: "gateway" today, one per subgraph
 * later), each numbered 1, 2, 3… (`position`). Every entry stores the previous
 * entry's hash of its chain (`prev_hash`, 64 zeros for the first) and its own
 * `hash = HMAC(key, "entry\n" + canonical JSON)` of everything stored except `seq`
 * and `hash` (the chain name, position, algorithm and key id included, so an entry
 * cannot be moved or relabelled). The key never reaches the database, so a
 * database superuser who edits, deletes or reorders entries cannot recompute the
 * hashes; a checkpoint written outside the database (audit-checkpoints.ts) shows
 * when entries were cut off the end. This file is the format; audit-writer.ts
 * appends, audit-verify.ts checks.
 *
 * Entries written before keyed chains existed (algorithm `sha256`,
 * `hash = sha256(prev_hash + canonical JSON)`) stay as they were and verify as
 * legacy; they may only come before the first keyed entry of their chain.
 */
export interface DisclosureEntry {
  requestId: string;
  principalId: string;
  agencyId: string;
  operationName: string | null;
  /** sha256 hex of the query text */
  operationHash: string;
  typeName: string;
  recordIds: string[];
  fields: string[];
  /** units the records belong to (for queries by unit) */
  unitCreditCodes: string[];
  /** OWNER: the owning agency read its own CONDITIONAL/RESTRICTED data */
  effect: 'ALLOW' | 'MASK' | 'OWNER';
  grantId: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);
/** The chain the gateway writes (subgraphs writing their own will use their names). */
export const GATEWAY_CHAIN = 'gateway';
/** Lower case, digits, `_` and `-`: also a file name for its checkpoints. */
export const CHAIN_NAME = /^[a-z][a-z0-9_-]{0,62}$/;

/** The stored entry as the MAC sees it. */
export interface ChainedEntry extends DisclosureEntry {
  chain: string;
  /** 1-based position in its chain (a decimal string: bigint) */
  position: string;
  alg: AuditAlgorithm;
  keyId: string | null;
  prevHash: string;
  id: string;
  /** ISO time with milliseconds */
  at: string;
}

/** The content in a fixed key order (arrays as given): the hashed text of both formats. */
const contentJson = (c: ChainedEntry) =>
  JSON.stringify({
    id: c.id,
    at: c.at,
    requestId: c.requestId,
    principalId: c.principalId,
    agencyId: c.agencyId,
    operationName: c.operationName,
    operationHash: c.operationHash,
    typeName: c.typeName,
    recordIds: c.recordIds,
    fields: c.fields,
    unitCreditCodes: c.unitCreditCodes,
    effect: c.effect,
    grantId: c.grantId,
  });

/** The text a keyed entry's MAC covers: its place in the chain, then its content. */
export const keyedEntryText = (e: ChainedEntry): string =>
  `entry\n${JSON.stringify({ chain: e.chain, position: e.position, alg: e.alg, keyId: e.keyId, prevHash: e.prevHash })}\n${contentJson(e)}`;

/** The hash of an entry under its own algorithm; `secret` is needed for keyed ones. */
export function entryHash(e: ChainedEntry, secret?: Buffer): string {
  if (e.alg === 'sha256') return createHash('sha256').update(e.prevHash + contentJson(e)).digest('hex');
  if (!secret) throw new Error(`entry ${e.chain}#${e.position}: no key`);
  return macHex(e.alg as KeyedAlgorithm, secret, keyedEntryText(e));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256_HEX = /^[0-9a-f]{64}$/i;
const EFFECTS = new Set(['ALLOW', 'MASK', 'OWNER']);
/** A lone surrogate or NUL cannot be stored as PostgreSQL text. */
const UNSTORABLE = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Values exactly as PostgreSQL will store and return them (uuids and hex in lower
 * case), so that verification recomputes the same hash from the row. A bad entry
 * is a bug of the caller: refused before anything is written.
 */
export function normaliseEntry(e: DisclosureEntry, i: number): DisclosureEntry {
  const bad = (what: string): never => {
    throw new Error(`appendDisclosures: entry ${i}: ${what}`);
  };
  const uuid = (v: unknown, name: string) => (typeof v === 'string' && UUID.test(v) ? v.toLowerCase() : bad(`${name} is not a uuid`));
  const text = (v: unknown, name: string) => (typeof v === 'string' && !UNSTORABLE.test(v) ? v : bad(`${name} is not a string`));
  const list = (v: unknown, name: string) => (Array.isArray(v) ? v.map((x, j) => text(x, `${name}[${j}]`)) : bad(`${name} is not an array`));
  if (!EFFECTS.has(e.effect)) bad(`effect ${String(e.effect)} is not ALLOW, MASK or OWNER`);
  if (typeof e.operationHash !== 'string' || !SHA256_HEX.test(e.operationHash)) bad('operationHash is not a sha256 hex digest');
  return {
    requestId: text(e.requestId, 'requestId'),
    principalId: uuid(e.principalId, 'principalId'),
    agencyId: uuid(e.agencyId, 'agencyId'),
    operationName: e.operationName === null || e.operationName === undefined ? null : text(e.operationName, 'operationName'),
    operationHash: e.operationHash.toLowerCase(),
    typeName: text(e.typeName, 'typeName'),
    recordIds: list(e.recordIds, 'recordIds'),
    fields: list(e.fields, 'fields'),
    unitCreditCodes: list(e.unitCreditCodes, 'unitCreditCodes'),
    effect: e.effect,
    grantId: e.grantId === null || e.grantId === undefined ? null : uuid(e.grantId, 'grantId'),
  };
}

export function assertChainName(chain: string): void {
  if (typeof chain !== 'string' || !CHAIN_NAME.test(chain)) throw new Error(`audit chain name "${String(chain)}" is not lower-case letters, digits, _ or - (at most 63)`);
}
