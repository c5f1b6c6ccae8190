import { Arg, Ctx, Directive, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Open } from '../authz/sensitivity';
import { forbidden } from './errors';
import type { Identity } from './identity';
import { RecordError } from './publish';
import type { SubgraphContext } from '../subgraphs/types';

/** Record errors kept per rejected batch: enough to find and fix the records, bounded. */
export const KEPT_RECORD_ERRORS = 100;

/**
 * Every subgraph keeps a log of the batches published to it, accepted or rejected,
 * so an agency's officers can see what their own systems sent (the idempotency table
 * holds only keyed, accepted batches). Written by the hub only.
 */
export function publishLogEntity(schema: string): Function {
  @Entity({ schema, name: 'publish_log' })
  @Index(['agencyId', 'at'])
  class PublishLog {
    @PrimaryGeneratedColumn('uuid') id: string;
    @Column({ name: 'agency_id', type: 'uuid' }) agencyId: string;
    @Column({ name: 'principal_id', type: 'uuid' }) principalId: string;
    @Column({ type: 'varchar', length: 60 }) kind: string;
    @Column({ name: 'batch_key', type: 'varchar', length: 200, nullable: true }) batchKey: string | null;
    @Column() accepted: boolean;
    @Column({ type: 'int' }) received: number;
    @Column({ type: 'int', default: 0 }) created: number;
    @Column({ type: 'int', default: 0 }) updated: number;
    @Column({ type: 'int', default: 0 }) unchanged: number;
    @Column({ name: 'error_count', type: 'int', default: 0 }) errorCount: number;
    @Column({ name: 'record_errors', type: 'jsonb', default: () => "'[]'" }) recordErrors: RecordError[];
    @Column({ type: 'timestamptz', default: () => 'now()' }) at: Date;
  }
  return PublishLog;
}

export interface BatchOutcome {
  kind: string;
  batchKey: string | null;
  received: number;
  created?: number;
  updated?: number;
  unchanged?: number;
  recordErrors?: RecordError[];
}

/** Appends one batch to the subgraph's publish log (in the batch's transaction when accepted). */
export async function logBatch(q: { query(sql: string, params?: unknown[]): Promise<unknown> }, schema: string, identity: Identity, b: BatchOutcome): Promise<void> {
  const errors = b.recordErrors ?? [];
  await q.query(
    `INSERT INTO "${schema}".publish_log (agency_id, principal_id, kind, batch_key, accepted, received, created, updated, unchanged, error_count, record_errors)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [identity.agencyId, identity.principalId, b.kind, b.batchKey, errors.length === 0, b.received, b.created ?? 0, b.updated ?? 0, b.unchanged ?? 0, errors.length, JSON.stringify(errors.slice(0, KEPT_RECORD_ERRORS))],
  );
}

@Directive('@inaccessible')
@Directive('@shareable')
@ObjectType({ description: 'Hub-internal: one batch in a subgraph’s publish log (the access subgraph serves it as PublishBatch)' })
export class PublishLogEntry {
  @Open() @Field() id: string;
  @Open() @Field(() => GraphQLDateTimeISO) at: Date;
  @Open() @Field() principalId: string;
  @Open() @Field() kind: string;
  @Open() @Field(() => String, { nullable: true }) batchKey: string | null;
  @Open() @Field() accepted: boolean;
  @Open() @Field(() => Int) received: number;
  @Open() @Field(() => Int) created: number;
  @Open() @Field(() => Int) updated: number;
  @Open() @Field(() => Int) unchanged: number;
  @Open() @Field(() => Int) errorCount: number;
  @Open() @Field(() => [RecordError]) recordErrors: RecordError[];
}

/** Most batches one request lists. */
export const MAX_LOGGED_BATCHES = 100;

/**
 * The publish log of one subgraph, asked by the access subgraph for the caller's
 * own agency (Query.publishBatches). Hub-internal: @inaccessible, and refused
 * without the `via` mark only peer calls carry.
 */
export function publishLogResolver(schema: string): Function {
  @Resolver()
  class PublishLogResolver {
    @Directive('@inaccessible')
    @Directive('@shareable')
    @Query(() => [PublishLogEntry], { description: 'Hub-internal: the latest batches the caller’s agency published here, newest first' })
    async ownPublishBatches(@Arg('first', () => Int) first: number, @Ctx() ctx: SubgraphContext): Promise<PublishLogEntry[]> {
      if (!ctx.identity.via) throw forbidden('Only hub subgraphs read the publish log');
      const rows: Record<string, unknown>[] = await ctx.ds.query(
        `SELECT id, at, principal_id AS "principalId", kind, batch_key AS "batchKey", accepted, received, created, updated, unchanged,
                error_count AS "errorCount", record_errors AS "recordErrors"
           FROM "${schema}".publish_log WHERE agency_id = $1 ORDER BY at DESC, id LIMIT $2`,
        [ctx.identity.agencyId, Math.max(1, Math.min(first, MAX_LOGGED_BATCHES))],
      );
      return rows as unknown as PublishLogEntry[];
    }
  }
  return PublishLogResolver;
}
