import { createHash } from 'node:crypto';
import { Arg, Directive, Field, InputType, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, type DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { AgencyKind } from './agency';
import { Role } from './agency';
import { badInput, forbidden, hubError } from './errors';
import type { Identity } from './identity';
import { Open } from '../authz/sensitivity';

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

/** Where a batch goes and who sends it: the subgraph's context (its data source, owner and the caller). */
export interface PublishTarget {
  ds: DataSource;
  identity: Identity;
  owner: AgencyKind | null;
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
  if (errors.length) {
    const first = errors.slice(0, 3).map((e) => `records[${e.index}].${e.field}: ${e.message}`).join('; ');
    const bad = new Set(errors.map((e) => e.index)).size;
    throw badInput(`${bad} of ${spec.items.length} records are invalid; nothing was written. ${first}`, { recordErrors: errors });
  }

  const meta = target.ds.getMetadata(spec.entity);
  const batchTable = `"${meta.schema}"."publish_batch"`;
  // An optional field sent as null is the same batch as one that leaves it out.
  const requestHash = createHash('sha256').update(JSON.stringify(spec.items, (_k, v) => (v === null ? undefined : v))).digest('hex');

  return target.ds.transaction(async (m) => {
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
    if (spec.batchKey) {
      await m.query(`UPDATE ${batchTable} SET result = $3 WHERE agency_id = $1 AND batch_key = $2`, [target.identity.agencyId, spec.batchKey, result]);
    }
    return result;
  });
}

type Meta = ReturnType<DataSource['getMetadata']>;

async function upsertRows<I extends PublishedRecordInput>(
  m: EntityManager,
  meta: Meta,
  agencyId: string,
  spec: PublishSpec<I>,
): Promise<{ created: number; updated: number; ids: Map<string, string> }> {
  const rows = spec.items.map((item) => ({ ...spec.toRow(item), sourceAgencyId: agencyId, externalId: item.externalId }));
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
