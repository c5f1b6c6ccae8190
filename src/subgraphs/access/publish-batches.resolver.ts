import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Open } from '../../authz/sensitivity';
import { AgencyKind, Role } from '../../common/agency';
import { forbidden } from '../../common/errors';
import { RecordError } from '../../common/publish';
import { MAX_LOGGED_BATCHES, type PublishLogEntry } from '../../common/publish-log';
import type { SubgraphName } from '../../config';
import type { SubgraphContext } from '../types';
import { principalById } from './names.resolver';
import { Principal } from './principal.entity';

/**
 * Where each agency kind publishes (the subgraph whose `owner` it is); the others
 * publish nothing. test/publish-log.test.ts checks this against the subgraphs.
 */
export const PUBLISHES_TO: Partial<Record<AgencyKind, SubgraphName>> = {
  [AgencyKind.ORGANIZATION_DEPARTMENT]: 'organization',
  [AgencyKind.PETITION_BUREAU]: 'petition',
  [AgencyKind.DISCIPLINE_COMMISSION]: 'discipline',
  [AgencyKind.AUDIT_BUREAU]: 'audit',
  [AgencyKind.INSPECTION_OFFICE]: 'inspection',
};

@ObjectType({ description: 'A batch the caller’s agency published (数据发布批次): accepted with its counts, or rejected with its record errors' })
export class PublishBatch {
  @Open() @Field(() => ID) id: string;
  @Open() @Field(() => GraphQLDateTimeISO) at: Date;
  @Open() @Field({ description: 'Record kind, as the publish mutation names it (petitions, clues, rounds, …)' }) kind: string;
  @Open() @Field(() => String, { nullable: true, description: 'Idempotency key (批次号), when given' }) batchKey: string | null;
  @Open() @Field({ description: 'Written (true) or rejected whole for its record errors (false)' }) accepted: boolean;
  @Open() @Field(() => Int) received: number;
  @Open() @Field(() => Int) created: number;
  @Open() @Field(() => Int) updated: number;
  @Open() @Field(() => Int) unchanged: number;
  @Open() @Field(() => Int, { description: 'Problems found in the batch (all of them; at most 100 are kept in recordErrors)' }) errorCount: number;
  @Open() @Field(() => [RecordError]) recordErrors: RecordError[];
  principalId: string;
}

const READERS = [Role.AGENCY_OFFICER, Role.AGENCY_SYSTEM, Role.INSPECTION_OFFICE];

const OWN_BATCHES = `query($first: Int!) { ownPublishBatches(first: $first) {
  id at principalId kind batchKey accepted received created updated unchanged errorCount recordErrors { index externalId field message } } }`;

@Resolver(() => PublishBatch)
export class PublishBatchResolver {
  @Query(() => [PublishBatch], {
    description: 'What the caller’s own agency published recently (本单位数据发布记录), newest first: its officers and systems only',
  })
  async publishBatches(@Arg('first', () => Int, { defaultValue: 20 }) first: number, @Ctx() ctx: SubgraphContext): Promise<PublishBatch[]> {
    if (!ctx.identity.roles.some((r) => READERS.includes(r))) throw forbidden('The publish log is for the officers and systems of the publishing agency');
    const to = PUBLISHES_TO[ctx.identity.agencyKind];
    if (!to) return [];
    // The subgraph that took the batches keeps their log; it answers for the same caller.
    const data = await ctx.callPeer<{ ownPublishBatches: PublishLogEntry[] }>(to, OWN_BATCHES, { first: Math.max(1, Math.min(first, MAX_LOGGED_BATCHES)) });
    return data.ownPublishBatches.map((b) => ({ ...b, at: new Date(b.at) }));
  }

  @Open()
  @FieldResolver(() => Principal, { nullable: true, description: 'Who sent it (the system or officer)' })
  publishedBy(@Root() b: PublishBatch, @Ctx() ctx: SubgraphContext) {
    return principalById(ctx).load(b.principalId);
  }
}
