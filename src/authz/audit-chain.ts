import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * The disclosure audit trail (DESIGN.md §4): every response that discloses
 * CONDITIONAL or RESTRICTED data appends entries to access.disclosure_audit.
 *
 * Chain: entries are ordered by `seq`; each stores the previous entry's hash
 * (`prev_hash`, 64 zeros for the first) and its own
 * `hash = sha256(prev_hash + canonicalJson(content))`, where the content is every
 * stored column except `seq`, `prev_hash` and `hash` (see `canonicalJson`). Editing
 * an entry breaks its hash; deleting or reordering entries breaks the next link.
 * The database refuses UPDATE, DELETE and TRUNCATE on the table (migration triggers).
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

export type AuditChainReport = { ok: true; checked: number } | { ok: false; checked: number; brokenAt: { seq: string; reason: string } };

export const GENESIS_HASH = '0'.repeat(64);
/** Transaction-scoped advisory lock key serialising appends across processes ("audit" in ASCII). */
const CHAIN_LOCK_KEY = '418581342580';
const VERIFY_BATCH = 5000;
const TABLE = 'access.disclosure_audit';

/** What the hash covers, in a fixed key order (arrays as given). */
interface ChainContent {
  id: string;
  at: string;
  requestId: string;
  principalId: string;
  agencyId: string;
  operationName: string | null;
  operationHash: string;
  typeName: string;
  recordIds: string[];
  fields: string[];
  unitCreditCodes: string[];
  effect: string;
  grantId: string | null;
}

function canonicalJson(c: ChainContent): string {
  return JSON.stringify({
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
}

export const chainHash = (prevHash: string, c: ChainContent): string => createHash('sha256').update(prevHash + canonicalJson(c)).digest('hex');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256_HEX = /^[0-9a-f]{64}$/i;
const EFFECTS = new Set(['ALLOW', 'MASK', 'OWNER']);

/**
 * Values exactly as PostgreSQL will store and return them (uuids and hex in lower
 * case), so that verification recomputes the same hash from the row. A bad entry
 * is a bug of the caller: refused before anything is written.
 */
function normalise(e: DisclosureEntry, i: number): Omit<ChainContent, 'id' | 'at'> {
  const bad = (what: string): never => {
    throw new Error(`appendDisclosures: entry ${i}: ${what}`);
  };
  const uuid = (v: unknown, name: string) => (typeof v === 'string' && UUID.test(v) ? v.toLowerCase() : bad(`${name} is not a uuid`));
  const text = (v: unknown, name: string) => (typeof v === 'string' && !v.includes('\0') ? v : bad(`${name} is not a string`));
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

/**
 * Appends the entries of one response to the chain, in order. One transaction of
 * four statements whatever the number of entries or records: an advisory lock
 * (appends from every gateway process serialise here), the last hash, and ONE
 * INSERT of all rows (a single jsonb parameter, so no parameter limit either).
 */
export async function appendDisclosures(ds: DataSource, entries: DisclosureEntry[]): Promise<void> {
  if (!entries.length) return;
  const contents = entries.map(normalise);
  await ds.transaction(async (m) => {
    await m.query('SELECT pg_advisory_xact_lock($1::bigint)', [CHAIN_LOCK_KEY]);
    // A statement of its own, after the lock: its snapshot sees the last append committed before us.
    const [last]: { hash: string }[] = await m.query(`SELECT hash FROM ${TABLE} ORDER BY seq DESC LIMIT 1`);
    // Taken under the lock, so `at` follows `seq` (on one clock).
    const at = new Date().toISOString();
    let prev = last?.hash ?? GENESIS_HASH;
    const rows = contents.map((c) => {
      const content: ChainContent = { id: randomUUID(), at, ...c };
      const hash = chainHash(prev, content);
      const row = {
        id: content.id,
        at: content.at,
        request_id: content.requestId,
        principal_id: content.principalId,
        agency_id: content.agencyId,
        operation_name: content.operationName,
        operation_hash: content.operationHash,
        type_name: content.typeName,
        record_ids: content.recordIds,
        fields: content.fields,
        unit_credit_codes: content.unitCreditCodes,
        effect: content.effect,
        grant_id: content.grantId,
        prev_hash: prev,
        hash,
      };
      prev = hash;
      return row;
    });
    // `seq` (the default nextval) is drawn above the ORDER BY, so it follows the chain order.
    await m.query(
      `INSERT INTO ${TABLE} (id, at, request_id, principal_id, agency_id, operation_name, operation_hash, type_name, record_ids, fields, unit_credit_codes, effect, grant_id, prev_hash, hash)
       SELECT r.id, r.at, r.request_id, r.principal_id, r.agency_id, r.operation_name, r.operation_hash, r.type_name, r.record_ids, r.fields, r.unit_credit_codes, r.effect, r.grant_id, r.prev_hash, r.hash
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(v, n)
       CROSS JOIN LATERAL jsonb_populate_record(NULL::${TABLE}, e.v) AS r
       ORDER BY e.n`,
      [JSON.stringify(rows)],
    );
  });
}

interface AuditRow {
  seq: string;
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

/**
 * Walks the whole chain in `seq` order, 5,000 rows per query (keyset on seq),
 * recomputing every hash and checking every link. Reports the first broken entry;
 * `checked` counts the entries that verified before it.
 */
export async function verifyAuditChain(ds: DataSource): Promise<AuditChainReport> {
  let prev = GENESIS_HASH;
  let after = '0';
  let checked = 0;
  for (;;) {
    const rows: AuditRow[] = await ds.query(
      `SELECT seq, id, at, at = date_trunc('milliseconds', at) AS at_ms, request_id, principal_id, agency_id, operation_name, operation_hash, type_name, record_ids, fields, unit_credit_codes, effect, grant_id, prev_hash, hash
       FROM ${TABLE} WHERE seq > $1::bigint ORDER BY seq LIMIT ${VERIFY_BATCH}`,
      [after],
    );
    for (const r of rows) {
      if (r.prev_hash !== prev) return { ok: false, checked, brokenAt: { seq: String(r.seq), reason: 'prev_hash does not link' } };
      const expected = chainHash(r.prev_hash, {
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
        effect: r.effect,
        grantId: r.grant_id,
      });
      if (r.hash !== expected || !r.at_ms) return { ok: false, checked, brokenAt: { seq: String(r.seq), reason: 'hash mismatch' } };
      prev = r.hash;
      checked++;
    }
    if (rows.length < VERIFY_BATCH) return { ok: true, checked };
    after = String(rows[rows.length - 1].seq);
  }
}
