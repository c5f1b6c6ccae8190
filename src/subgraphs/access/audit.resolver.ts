import { Args, ArgsType, Ctx, Field, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { UUIDScalar } from '../../common/scalars';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { FileCheckpointStore } from '../../authz/audit-checkpoints';
import { auditKeys } from '../../authz/audit-key';
import { verifyAuditTrail, type AuditProblemKind, type ChainStatus } from '../../authz/audit-verification';
import { Open } from '../../authz/sensitivity';
import { Role } from '../../common/agency';
import { badInput, forbidden, hubError } from '../../common/errors';
import { auditCheckpointDir } from '../../config';
import { log } from '../../log';
import { isUuid } from '../../common/loaders';
import { Connection, PageArgs, decodeCursor, encodeCursor, hydrate, pageSize, type PageInfo } from '../../common/paging';
import type { SubgraphContext } from '../types';
import { DisclosureAudit } from './disclosure-audit.entity';

@ObjectType('DisclosureAuditConnection', { description: 'A page of the disclosure audit trail, newest first' })
class DisclosureAuditConnection extends Connection(DisclosureAudit) {}

@ArgsType()
class DisclosureAuditArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Entries of this chain (审计链), e.g. "gateway"' })
  chain?: string;

  @Field(() => UUIDScalar, { nullable: true, description: 'Entries of this principal' })
  principalId?: string;

  @Field(() => UUIDScalar, { nullable: true, description: 'Entries of principals of this agency' })
  agencyId?: string;

  @Field(() => String, { nullable: true, description: 'Entries disclosing records of this unit (统一社会信用代码)' })
  unitCreditCode?: string;

  @Field(() => String, { nullable: true, description: 'Entries disclosing this record (its hub id)' })
  recordId?: string;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'From this time (inclusive)' })
  from?: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Until this time (exclusive)' })
  to?: Date;
}

const STATUSES: Record<ChainStatus, string> = {
  INTACT: '完好: every entry matches its MAC and link, and the chain reaches its latest checkpoint',
  BROKEN: '已破坏: an entry was altered, deleted or cut off, or a checkpoint is forged',
  UNVERIFIABLE: '无法校验: an entry or checkpoint uses a key this hub is not configured with',
};
const KINDS: Record<AuditProblemKind, string> = {
  TAIL_TRUNCATED: '末尾被截断: the chain is shorter than its checkpoint',
  ENTRY_DELETED: '记录被删除: a position is missing, or an entry does not link to the one before it',
  ENTRY_ALTERED: '记录被篡改: an entry does not match its MAC (also after a deletion or swap re-hashed without the key)',
  LEGACY_DOWNGRADE: '降级改写: an entry claims the unkeyed legacy hash after keyed entries',
  CHECKPOINT_MISMATCH: '与检查点不符: the entry at the checkpoint is not the one it recorded',
  CHECKPOINT_INVALID: '检查点无效: a checkpoint is forged, altered or malformed',
  NO_CHECKPOINT: '缺少检查点: keyed entries but no checkpoint, so the end cannot be checked',
  UNKNOWN_KEY: '密钥未配置: an entry or checkpoint uses a key this hub does not have',
};
const enumOf = <K extends string>(keys: Record<K, string>) => Object.fromEntries(Object.keys(keys).map((k) => [k, k])) as Record<K, K>;
const AuditChainStatus = enumOf(STATUSES);
const AuditProblemKindEnum = enumOf(KINDS);
registerEnumType(AuditChainStatus, {
  name: 'AuditChainStatus',
  description: 'State of a disclosure audit chain (审计链状态)',
  valuesConfig: Object.fromEntries(Object.entries(STATUSES).map(([k, d]) => [k, { description: d }])),
});
registerEnumType(AuditProblemKindEnum, {
  name: 'AuditProblemKind',
  description: 'What is wrong with a disclosure audit chain (审计链问题)',
  valuesConfig: Object.fromEntries(Object.entries(KINDS).map(([k, d]) => [k, { description: d }])),
});

@ObjectType({ description: 'The first problem of an audit chain (审计链的首个问题)' })
class DisclosureAuditProblem {
  @Open() @Field(() => AuditProblemKindEnum) kind: AuditProblemKind;
  @Open() @Field(() => ID, { nullable: true, description: 'Position of the first broken entry in its chain' }) position: string | null;
  @Open() @Field(() => ID, { nullable: true, description: 'Its seq, as in disclosureAudit' }) seq: string | null;
  @Open() @Field({ description: 'What was found, for people (中文)' }) message: string;
  @Open() @Field(() => DisclosureAudit, { nullable: true, description: 'The first broken entry, when it is still in the table' }) entry: DisclosureAudit | null;
}

@ObjectType({ description: 'Verification of one disclosure audit chain (审计链校验结果)' })
class DisclosureAuditChainStatus {
  @Open() @Field() chain: string;
  @Open() @Field(() => AuditChainStatus) status: ChainStatus;
  @Open() @Field(() => Int, { description: 'Entries verified (before the problem, if any)' }) entries: number;
  @Open() @Field(() => Int, { description: 'Of which unkeyed legacy entries' }) legacyEntries: number;
  @Open() @Field(() => String, { nullable: true, description: 'Algorithm of the last verified entry (hmac-sha256, hmac-sm3, sha256)' }) algorithm: string | null;
  @Open() @Field(() => String, { nullable: true, description: 'Key fingerprint of the last verified entry' }) keyId: string | null;
  @Open() @Field(() => ID, { nullable: true, description: 'Entries the latest checkpoint records' }) checkpointPosition: string | null;
  @Open() @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the latest checkpoint was written' }) checkpointAt: Date | null;
  @Open() @Field(() => Int, { description: 'Verified entries after the latest checkpoint (anchored by the next one)' }) afterCheckpoint: number;
  @Open() @Field(() => DisclosureAuditProblem, { nullable: true }) problem: DisclosureAuditProblem | null;
}

@ObjectType({ description: 'Verification of the whole disclosure audit trail (审计链校验)' })
class DisclosureAuditVerification {
  @Open() @Field(() => AuditChainStatus, { description: 'BROKEN if any chain is, else UNVERIFIABLE if any is, else INTACT' }) status: ChainStatus;
  @Open() @Field(() => GraphQLDateTimeISO) checkedAt: Date;
  @Open() @Field(() => [DisclosureAuditChainStatus]) chains: DisclosureAuditChainStatus[];
}

/** A page whose totalCount is counted only when the query selects it (the page itself is an index scan). */
interface AuditPage {
  nodes: DisclosureAudit[];
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

@Resolver()
export class DisclosureAuditResolver {
  @Query(() => DisclosureAuditConnection, { description: 'Disclosure audit trail (数据披露审计), newest first: admins only' })
  async disclosureAudit(@Args() args: DisclosureAuditArgs, @Ctx() ctx: SubgraphContext): Promise<AuditPage> {
    adminOnly(ctx);
    const first = pageSize(args.first, ctx.maxPageSize);
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (args.chain != null) where.push(`t.chain = ${p(args.chain)}`);
    for (const [arg, column] of [['principalId', 'principal_id'], ['agencyId', 'agency_id']] as const) {
      const v = args[arg];
      if (v === undefined || v === null) continue;
      if (!isUuid(v)) throw badInput(`${arg} is not an id`, { argument: arg });
      where.push(`t.${column} = ${p(v.toLowerCase())}::uuid`);
    }
    // Containment (@>) so the GIN indexes answer these.
    if (args.unitCreditCode != null) where.push(`t.unit_credit_codes @> ARRAY[${p(args.unitCreditCode)}::text]`);
    if (args.recordId != null) where.push(`t.record_ids @> ARRAY[${p(args.recordId)}::text]`);
    if (args.from) where.push(`t.at >= ${p(args.from)}`);
    if (args.to) where.push(`t.at < ${p(args.to)}`);
    if (args.from && args.to && args.from > args.to) throw badInput('from is after to', { argument: 'from' });
    const filter = where.length ? where.join(' AND ') : 'TRUE';
    const filterParams = [...params];

    let cursor = 'TRUE';
    if (args.after) {
      const [seq] = decodeCursor(args.after);
      if (typeof seq !== 'string' || !/^\d+$/.test(seq)) throw badInput('after is not a cursor of this list', { argument: 'after' });
      cursor = `t.seq < ${p(seq)}::bigint`;
    }
    const meta = ctx.ds.getMetadata(DisclosureAudit);
    const rows: Record<string, unknown>[] = await ctx.ds.query(
      `SELECT t.* FROM access.disclosure_audit t WHERE ${filter} AND ${cursor} ORDER BY t.seq DESC LIMIT ${p(first + 1)}`,
      params,
    );
    const nodes = rows.slice(0, first).map((r) => hydrate<DisclosureAudit>(meta, r));
    const last = nodes[nodes.length - 1];
    let total: Promise<number> | undefined;
    return {
      nodes,
      pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeCursor(String(last.seq), last.id) : null },
      get totalCount() {
        total ??= ctx.ds
          .query(`SELECT count(*) AS n FROM access.disclosure_audit t WHERE ${filter}`, filterParams)
          .then(([r]: { n: string }[]) => Number(r.n));
        return total;
      },
    };
  }
  @Query(() => DisclosureAuditVerification, {
    description: 'Checks every audit chain against its MACs and its latest checkpoint (校验审计链), as npm run audit:verify does: admins only. Reads the whole trail.',
  })
  async verifyDisclosureAudit(@Ctx() ctx: SubgraphContext): Promise<DisclosureAuditVerification> {
    adminOnly(ctx);
    const checkedAt = new Date();
    let report;
    try {
      report = await verifyAuditTrail(ctx.ds, { keys: auditKeys(ctx.config), checkpoints: new FileCheckpointStore(auditCheckpointDir(ctx.config)) });
    } catch (err) {
      log.error({ err }, 'disclosure audit verification could not run');
      throw hubError('SERVICE_UNAVAILABLE', 'The audit trail or its checkpoints could not be read; nothing was checked');
    }
    const seqs = report.chains.map((c) => c.problem?.seq).filter((s): s is string => !!s);
    const meta = ctx.ds.getMetadata(DisclosureAudit);
    const rows: Record<string, unknown>[] = seqs.length ? await ctx.ds.query('SELECT t.* FROM access.disclosure_audit t WHERE t.seq = ANY($1::bigint[])', [seqs]) : [];
    const bySeq = new Map(rows.map((r) => [String(r.seq), hydrate<DisclosureAudit>(meta, r)]));
    return {
      status: report.status,
      checkedAt,
      chains: report.chains.map((c) => ({
        chain: c.chain,
        status: c.status,
        entries: c.entries,
        legacyEntries: c.legacyEntries,
        algorithm: c.alg,
        keyId: c.keyId,
        checkpointPosition: c.checkpoint?.position ?? null,
        checkpointAt: c.checkpoint ? new Date(c.checkpoint.at) : null,
        afterCheckpoint: c.afterCheckpoint,
        problem: c.problem && { kind: c.problem.kind, position: c.problem.position, seq: c.problem.seq, message: c.problem.messageZh, entry: (c.problem.seq && bySeq.get(c.problem.seq)) || null },
      })),
    };
  }
}

function adminOnly(ctx: SubgraphContext): void {
  if (!ctx.identity.roles.includes(Role.ADMIN)) throw forbidden('Only admins may read the disclosure audit trail');
}
