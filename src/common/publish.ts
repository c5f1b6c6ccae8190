import { createHash } from 'node:crypto';
import { Arg, Directive, Field, InputType, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, type DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { AgencyKind } from './agency';
import { Role } from './agency';
import { badInput, conflictOnDuplicate, forbidden, hubError } from './errors';
import type { Identity } from './identity';
import { retryTransient } from './retry';
import { logBatch } from './publish-log';
import { log } from '../log';
import { Open } from '../authz/sensitivity';
import type { SubgraphName } from '../config';

/** The optional idempotency key every publish mutation takes. */
export const BatchKeyArg = () =>
  Arg('batchKey', () => String, {
    nullable: true,
    description: 'Idempotency key (批次号): a retried batch with the same key is answered from the first outcome, never applied twice',
  });

/** A record that failed validation: which one, which field, why. */
@ObjectType({ description: 'A validation problem with one published record (记录校验错误)' })
@Directive('@shareable')
export class RecordError {
  @Open()
  @Field(() => Int) index: number;
  @Open()
  @Field(() => String, { nullable: true }) externalId: string | null;
  @Open()
  @Field() field: string;
  @Open()
  @Field() message: string;
}

@ObjectType({ description: 'Outcome of a publish batch (发布结果)' })
@Directive('@shareable')
export class PublishResult {
  @Open()
  @Field(() => String, { nullable: true, description: 'Idempotency key of the batch, when given' }) batchKey: string | null;
  @Open()
  @Field(() => Int) received: number;
  @Open()
  @Field(() => Int) created: number;
  @Open()
  @Field(() => Int) updated: number;
  @Open()
  @Field(() => Int, { description: 'Records identical to what the hub already held' }) unchanged: number;
  @Open()
  @Field({ description: 'True when this batch key was already processed: nothing was written again' }) replayed: boolean;
}

@InputType('PublishedRecordInputBase')
export abstract class PublishedRecordInput {
  @Field({ description: "The publishing agency's own id for the record (外部编号)" })
  externalId: string;
}

/**
 * Every subgraph keeps the batches it has accepted, so a retried batch (same agency,
 * same key) is answered from here instead of being applied twice.
 */
export function publishBatchEntity(schema: string): Function {
  @Entity({ schema, name: 'publish_batch' })
  @Unique(['agencyId', 'batchKey'])
  class PublishBatch {
    @PrimaryGeneratedColumn('uuid') id: string;
    @Column({ name: 'agency_id', type: 'uuid' }) agencyId: string;
    @Column({ name: 'batch_key', type: 'varchar', length: 200 }) batchKey: string;
    @Column({ type: 'varchar', length: 60 }) kind: string;
    @Column({ name: 'request_hash', type: 'char', length: 64 }) requestHash: string;
    @Column({ type: 'jsonb', nullable: true }) result: PublishResult | null;
    @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  }
  return PublishBatch;
}

export type FieldProblem = { field: string; message: string };

/** A unit or cadre a record names, which organization must hold (checked once per batch). */
export type Reference = { field: string; unitCreditCode: string } | { field: string; cadreId: string };

/** The unit a record names under `field`, if it names one. */
export const unitRef = (field: string, code: string | null | undefined): Reference[] => (code ? [{ field, unitCreditCode: code }] : []);
/** The cadre a record names under `field`, if it names one. */
export const cadreRef = (field: string, id: string | null | undefined): Reference[] => (id ? [{ field, cadreId: id.toLowerCase() }] : []);

/** Where a batch goes and who sends it: the subgraph's context (its data source, owner, the caller, its peers). */
export interface PublishTarget {
  ds: DataSource;
  identity: Identity;
  owner: AgencyKind | null;
  callPeer<T>(to: SubgraphName, query: string, variables: Record<string, unknown>): Promise<T>;
}

export interface PublishSpec<I extends PublishedRecordInput> {
  /** Name of the record kind, e.g. "petitions"; batch keys are per kind. */
  kind: string;
  entity: EntityTarget<ObjectLiteral>;
  batchKey?: string | null;
  items: I[];
  maxItems?: number;
  /** Problems with one record; empty when valid. */
  validate: (item: I) => FieldProblem[];
  /** Units and cadres the record names; each must exist in organization (one peer call per batch). */
  references?: (item: I) => Reference[];
  /** Row to upsert, keyed by entity property names (not source agency or external id). */
  toRow: (item: I) => Record<string, unknown>;
  /** Runs in the same transaction after the main upsert, e.g. for child rows. */
  after?: (m: EntityManager, idsByExternalId: Map<string, string>, items: I[]) => Promise<void>;
}

// INSPECTION_OFFICE staff plan rounds; the role exists only in the inspection office, whose subgraph it publishes to.
const PUBLISH_ROLES = [Role.AGENCY_SYSTEM, Role.AGENCY_OFFICER, Role.INSPECTION_OFFICE];

export function assertMayPublish(identity: Identity, owner: AgencyKind | null, what: string): void {
  const ownAgency = owner !== null && identity.agencyKind === owner;
  if (!ownAgency || !identity.roles.some((r) => PUBLISH_ROLES.includes(r))) {
    throw forbidden(`Only systems and officers of the owning agency (${owner ?? 'none'}) may publish ${what}`);
  }
}

/**
 * Upserts a batch of records by (publishing agency, external id), all or nothing.
 * A batch with any invalid record is rejected whole with every problem listed, and
 * nothing is written; a repeated batch key returns the first outcome unchanged.
 */
export async function publishRecords<I extends PublishedRecordInput>(target: PublishTarget, spec: PublishSpec<I>): Promise<PublishResult> {
  assertMayPublish(target.identity, target.owner, spec.kind);
  const max = spec.maxItems ?? 1000;
  if (spec.items.length === 0) throw badInput('A batch needs at least one record', { argument: 'records' });
  if (spec.items.length > max) throw badInput(`A batch holds at most ${max} records; split it`, { argument: 'records', max });
  if (spec.batchKey !== undefined && spec.batchKey !== null && !/^[\w.:-]{1,200}$/.test(spec.batchKey)) {
    throw badInput('batchKey must be 1-200 letters, digits or . _ : -', { argument: 'batchKey' });
  }

  const errors = recordErrors(spec);
  if (spec.references) errors.push(...(await referenceErrors(target, spec.items, spec.references, errors)));
  if (errors.length) {
    errors.sort((a, b) => a.index - b.index);
    const first = errors.slice(0, 3).map((e) => `records[${e.index}].${e.field}: ${e.message}`).join('; ');
    const bad = new Set(errors.map((e) => e.index)).size;
    // The agency's officers see rejected batches too; failing to note one must not hide the answer.
    await logBatch(target.ds, target.ds.getMetadata(spec.entity).schema!, target.identity, { kind: spec.kind, batchKey: spec.batchKey ?? null, received: spec.items.length, recordErrors: errors }).catch(
      (err) => log.error({ err }, 'publish log: could not note a rejected batch'),
    );
    throw badInput(`${bad} of ${spec.items.length} records are invalid; nothing was written. ${first}`, { recordErrors: errors });
  }

  // Batches over the same records may run at once: rows are locked in one order (see
  // upsertRows) and a transaction PostgreSQL still rolls back as a deadlock runs again.
  // A unique index other than the external id (a unit's credit code) can only be hit
  // by a batch racing another one past validation: repeating the batch names the record.
  const write = () => target.ds.transaction((m) => writeBatch(m, target, spec));
  return conflictOnDuplicate(
    retryTransient(write, { message: `Other batches were writing the same ${spec.kind} at the same moment; nothing of this batch was written. Repeat it.` }),
    `A record of this batch collides with one another batch wrote at the same moment; nothing was written. Repeat the batch to see which record.`,
  );
}

/** Claims the batch key (or answers from the batch that claimed it), then writes the rows. */
async function writeBatch<I extends PublishedRecordInput>(m: EntityManager, target: PublishTarget, spec: PublishSpec<I>): Promise<PublishResult> {
  const meta = m.connection.getMetadata(spec.entity);
  const batchTable = `"${meta.schema}"."publish_batch"`;
  // An optional field sent as null is the same batch as one that leaves it out.
  const requestHash = createHash('sha256').update(JSON.stringify(spec.items, (_k, v) => (v === null ? undefined : v))).digest('hex');

  if (spec.batchKey) {
    const claimed = await m.query(
      `INSERT INTO ${batchTable} (agency_id, batch_key, kind, request_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (agency_id, batch_key) DO NOTHING RETURNING id`,
      [target.identity.agencyId, spec.batchKey, spec.kind, requestHash],
    );
    if (claimed.length === 0) {
      const [prior] = await m.query(`SELECT kind, request_hash, result FROM ${batchTable} WHERE agency_id = $1 AND batch_key = $2`, [
        target.identity.agencyId,
        spec.batchKey,
      ]);
      if (prior.kind !== spec.kind || prior.request_hash !== requestHash) {
        throw hubError('CONFLICT', `batchKey ${spec.batchKey} was already used for a different batch; use a new key`, { argument: 'batchKey' });
      }
      return { ...(prior.result as PublishResult), replayed: true };
    }
  }
  const { created, updated, ids } = await upsertRows(m, meta, target.identity.agencyId, spec);
  if (spec.after) await spec.after(m, ids, spec.items);
  const result: PublishResult = {
    batchKey: spec.batchKey ?? null,
    received: spec.items.length,
    created,
    updated,
    unchanged: spec.items.length - created - updated,
    replayed: false,
  };
  await logBatch(m, meta.schema!, target.identity, { ...result, kind: spec.kind });
  if (spec.batchKey) {
    await m.query(`UPDATE ${batchTable} SET result = $3 WHERE agency_id = $1 AND batch_key = $2`, [target.identity.agencyId, spec.batchKey, result]);
  }
  return result;
}

/** Problems each record has on its own, and external ids repeated within the batch. */
function recordErrors<I extends PublishedRecordInput>(spec: PublishSpec<I>): RecordError[] {
  const errors: RecordError[] = [];
  const seen = new Map<string, number>();
  spec.items.forEach((item, index) => {
    const externalId = typeof item.externalId === 'string' ? item.externalId : null;
    const problems = spec.validate(item);
    if (!externalId || !/^\S{1,100}$/.test(externalId)) problems.unshift({ field: 'externalId', message: 'externalId must be 1-100 characters without spaces' });
    else if (seen.has(externalId)) problems.unshift({ field: 'externalId', message: `duplicates record ${seen.get(externalId)} of this batch` });
    else seen.set(externalId, index);
    for (const p of problems) errors.push({ index, externalId, field: p.field, message: p.message });
  });
  return errors;
}

const UNKNOWN_REFERENCES = `query($units: [String!]!, $cadres: [UUID!]!) {
  unknownReferences(unitCreditCodes: $units, cadreIds: $cadres) { unitCreditCodes cadreIds }
}`;

/**
 * The units and cadres the batch names that organization does not hold, one error per
 * record and field, in one call to organization however large the batch. A reference
 * whose field already has a problem is not asked about. If organization cannot be
 * reached the batch is refused (SERVICE_UNAVAILABLE) unless it is invalid anyway.
 */
async function referenceErrors<I extends PublishedRecordInput>(
  target: PublishTarget,
  items: I[],
  referencesOf: (item: I) => Reference[],
  known: RecordError[],
): Promise<RecordError[]> {
  const flawed = new Set(known.map((e) => `${e.index}|${e.field}`));
  const refs = items.flatMap((item, index) => referencesOf(item).filter((r) => !flawed.has(`${index}|${r.field}`)).map((ref) => ({ index, item, ref })));
  if (!refs.length) return [];
  const units = [...new Set(refs.flatMap(({ ref }) => ('unitCreditCode' in ref ? [ref.unitCreditCode] : [])))];
  const cadres = [...new Set(refs.flatMap(({ ref }) => ('cadreId' in ref ? [ref.cadreId] : [])))];
  let unknown: { unitCreditCodes: string[]; cadreIds: string[] };
  try {
    ({ unknownReferences: unknown } = await target.callPeer<{ unknownReferences: typeof unknown }>('organization', UNKNOWN_REFERENCES, { units, cadres }));
  } catch (err) {
    if (known.length) return [];
    throw err;
  }
  const unknownUnits = new Set(unknown.unitCreditCodes);
  const unknownCadres = new Set(unknown.cadreIds);
  return refs.flatMap(({ index, item, ref }): RecordError[] => {
    const message =
      'unitCreditCode' in ref
        ? unknownUnits.has(ref.unitCreditCode) && `no published unit has credit code ${ref.unitCreditCode}; the organisation department publishes units first`
        : unknownCadres.has(ref.cadreId) && `no cadre has hub id ${ref.cadreId}`;
    return message ? [{ index, externalId: item.externalId, field: ref.field, message }] : [];
  });
}

type Meta = ReturnType<DataSource['getMetadata']>;

async function upsertRows<I extends PublishedRecordInput>(
  m: EntityManager,
  meta: Meta,
  agencyId: string,
  spec: PublishSpec<I>,
): Promise<{ created: number; updated: number; ids: Map<string, string> }> {
  // In external-id order, so that batches over the same records lock their rows in the
  // same order and wait for each other instead of deadlocking.
  const rows = spec.items
    .map((item) => ({ ...spec.toRow(item), sourceAgencyId: agencyId, externalId: item.externalId }))
    .sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0));
  const props = Object.keys(rows[0]);
  const columns = props.map((p) => {
    const col = meta.findColumnWithPropertyName(p);
    if (!col) throw new Error(`${meta.name} has no column for ${p}`);
    return col.databaseName;
  });
  const updatable = columns.filter((c) => c !== 'source_agency_id' && c !== 'external_id');
  const table = `"${meta.schema}"."${meta.tableName}"`;
  let created = 0;
  let updated = 0;
  const ids = new Map<string, string>();
  const chunk = Math.max(1, Math.floor(30000 / columns.length));
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const params: unknown[] = [];
    const values = part.map((row) => `(${props.map((p) => `$${params.push((row as Record<string, unknown>)[p] ?? null)}`).join(', ')})`);
    const quoted = (cs: string[], prefix = '') => cs.map((c) => `${prefix}"${c}"`).join(', ');
    const result: { id: string; external_id: string; inserted: boolean }[] = await m.query(
      `INSERT INTO ${table} (${quoted(columns)}) VALUES ${values.join(', ')}
       ON CONFLICT (source_agency_id, external_id) DO UPDATE SET ${updatable.map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ')}, updated_at = now()
       WHERE (${quoted(updatable, 't.')}) IS DISTINCT FROM (${quoted(updatable, 'EXCLUDED.')})
       RETURNING id, external_id, (xmax = 0) AS inserted`.replace(`INSERT INTO ${table}`, `INSERT INTO ${table} AS t`),
      params,
    );
    for (const r of result) {
      if (r.inserted) created++;
      else updated++;
      ids.set(r.external_id, r.id);
    }
  }
  // Unchanged rows are not returned by the upsert; child rows still need their ids.
  const missing = spec.items.map((i) => i.externalId).filter((e) => !ids.has(e));
  if (missing.length) {
    const found: { id: string; external_id: string }[] = await m.query(
      `SELECT id, external_id FROM ${table} WHERE source_agency_id = $1 AND external_id = ANY($2)`,
      [agencyId, missing],
    );
    for (const r of found) ids.set(r.external_id, r.id);
  }
  return { created, updated, ids };
}
