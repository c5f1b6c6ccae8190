import { Args, ArgsType, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { UUIDScalar } from '../../common/scalars';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Role } from '../../common/agency';
import { badInput, forbidden } from '../../common/errors';
import { isUuid } from '../../common/loaders';
import { Connection, PageArgs, decodeCursor, encodeCursor, hydrate, pageSize, type PageInfo } from '../../common/paging';
import type { SubgraphContext } from '../types';
import { DisclosureAudit } from './disclosure-audit.entity';

@ObjectType('DisclosureAuditConnection', { description: 'A page of the disclosure audit trail, newest first' })
class DisclosureAuditConnection extends Connection(DisclosureAudit) {}

@ArgsType()
class DisclosureAuditArgs extends PageArgs {
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
    if (!ctx.identity.roles.includes(Role.ADMIN)) throw forbidden('Only admins may read the disclosure audit trail');
    const first = pageSize(args.first, ctx.maxPageSize);
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
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
}
