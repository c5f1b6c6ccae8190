import { Args, ArgsType, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { scopeClause } from '../../authz/scope';
import { Open } from '../../authz/sensitivity';
import { regionPrefix } from '../../common/codes';
import { badInput } from '../../common/errors';
import { isUuid } from '../../common/loaders';
import { DateScalar, UUIDScalar } from '../../common/scalars';
import type { SubgraphContext } from '../types';
import { RECTIFIED_STATUSES, rectifiedSql } from './enums';
import { seesFastTrack } from './fast-track.resolver';

@ArgsType()
class StatisticsArgs {
  @Field(() => UUIDScalar, { nullable: true }) roundId?: string;
  @Field(() => UUIDScalar, { nullable: true }) teamId?: string;
  @Field(() => String, { nullable: true, description: 'Region code: units registered there (city, district)' }) regionCode?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Clues found, and rounds started, on or after' }) from?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Clues found, and rounds started, on or before' }) to?: string;
}

@ObjectType({ description: 'What inspection offices report (巡察工作统计), over the rows the caller may see' })
class InspectionStatistics {
  @Open() @Field(() => Int, { description: 'Fast-track clues recorded (发现问题线索)' }) clues: number;
  @Open() @Field(() => Int, { description: 'Transferred to the discipline commission (移交)' }) transferred: number;
  @Open() @Field(() => Float, { nullable: true, description: 'Median days from discovery to transfer' }) medianDaysToTransfer: number | null;
  @Open() @Field(() => Float, { nullable: true, description: '90th percentile of days from discovery to transfer' }) p90DaysToTransfer: number | null;
  @Open() @Field(() => Int, { description: 'Closed (办结)' }) closed: number;
  @Open() @Field(() => Int, { description: 'Cases filed (立案)' }) filed: number;
  @Open() @Field(() => Float, { nullable: true, description: 'Filing rate (立案率): filed / closed' }) filingRate: number | null;
  @Open() @Field(() => Float, { nullable: true, description: 'Clue closure rate (办结率): closed / transferred' }) closureRate: number | null;
  @Open() @Field(() => Int, { description: 'Findings (发现问题)' }) findings: number;
  @Open() @Field(() => Int, { description: 'Findings with every rectification item DONE or VERIFIED (已整改)' }) rectifiedFindings: number;
  @Open() @Field(() => Float, { nullable: true, description: 'Rectification completion rate (整改完成率): rectified findings / findings' }) rectificationRate: number | null;
  @Open() @Field(() => Int, { description: 'Findings rectified at once (立行立改)' }) immediateRectifications: number;
  @Open() @Field(() => Int, { description: 'Rules and systems established (建章立制)' }) rulesEstablished: number;
}

const ratio = (a: number, b: number) => (b ? a / b : null);

/** The filters that were given, each `?` numbered as the next parameter of `params`. */
const conditions = (params: unknown[], parts: [string, unknown][]): string[] =>
  parts.filter(([, v]) => v !== undefined && v !== null).map(([sql, v]) => sql.replace('?', `$${params.push(v)}`));


@Resolver()
export class StatisticsResolver {
  @Query(() => InspectionStatistics, {
    description:
      'Inspection statistics (巡察工作统计) by round, team, region and period, computed in SQL over the rows the caller may see: ' +
      'fast-track clues only for the inspection office and the discipline commission, findings within the caller’s row scope',
  })
  async inspectionStatistics(@Args() args: StatisticsArgs, @Ctx() ctx: SubgraphContext): Promise<InspectionStatistics> {
    for (const k of ['roundId', 'teamId'] as const) if (args[k] && !isUuid(args[k])) throw badInput(`${k} is not an id`, { argument: k });
    if (args.regionCode && !/^\d{6}$/.test(args.regionCode)) throw badInput('regionCode: a 6-digit region code', { argument: 'regionCode' });
    if (args.from && args.to && args.to < args.from) throw badInput('to must not be before from', { argument: 'to' });
    const region = args.regionCode ? regionPrefix(args.regionCode) : null;

    const cp: unknown[] = [];
    const clueWhere = [
      seesFastTrack(ctx.identity) ? 'TRUE' : 'FALSE',
      ...conditions(cp, [
        ['c.round_id = ?', args.roundId],
        ['c.team_id = ?', args.teamId],
        ["substr(c.unit_credit_code, 3, 6) LIKE ? || '%'", region],
        ['c.discovered_date >= ?', args.from],
        ['c.discovered_date <= ?', args.to],
      ]),
    ];
    // Days are counted in Beijing's calendar, as the reports count them.
    const days = `((c.transferred_at AT TIME ZONE 'Asia/Shanghai')::date - c.discovered_date)`;
    const [clues] = await ctx.ds.query(
      `SELECT count(*)::int AS clues,
              count(c.transferred_at)::int AS transferred,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ${days}) FILTER (WHERE c.transferred_at IS NOT NULL) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY ${days}) FILTER (WHERE c.transferred_at IS NOT NULL) AS p90,
              count(*) FILTER (WHERE c.status = 'CLOSED')::int AS closed,
              count(c.filed_at)::int AS filed
         FROM inspection.fast_track_clue c WHERE ${clueWhere.join(' AND ')}`,
      cp,
    );

    const fp: unknown[] = [RECTIFIED_STATUSES];
    const findingWhere = [
      scopeClause(ctx, 'InspectionFinding', 'f.unit_credit_code', fp),
      ...conditions(fp, [
        ['f.round_id = ?', args.roundId],
        ['a.team_id = ?', args.teamId],
        ["substr(f.unit_credit_code, 3, 6) LIKE ? || '%'", region],
        ['r.start_date >= ?', args.from],
        ['r.start_date <= ?', args.to],
      ]),
    ];
    const itemScope = scopeClause(ctx, 'RectificationItem', 'i.responsible_unit_credit_code', fp);
    const [findings] = await ctx.ds.query(
      `WITH f AS (
         SELECT f.id, f.immediate_rectification FROM inspection.inspection_finding f
           JOIN inspection.inspection_round r ON r.id = f.round_id
           LEFT JOIN inspection.team_assignment a ON a.round_id = f.round_id AND a.unit_credit_code = f.unit_credit_code
          WHERE ${findingWhere.join(' AND ')}
       ), i AS (
         SELECT i.finding_id, count(*) AS n, count(*) FILTER (WHERE ${rectifiedSql('i', '$1')}) AS done, sum(i.rules_established) AS rules
           FROM inspection.rectification_item i WHERE i.finding_id IN (SELECT id FROM f) AND ${itemScope} GROUP BY 1
       )
       SELECT count(*)::int AS findings,
              count(*) FILTER (WHERE i.n > 0 AND i.done = i.n)::int AS rectified,
              count(*) FILTER (WHERE f.immediate_rectification)::int AS immediate,
              coalesce(sum(i.rules), 0)::int AS rules
         FROM f LEFT JOIN i ON i.finding_id = f.id`,
      fp,
    );
    return {
      clues: clues.clues,
      transferred: clues.transferred,
      medianDaysToTransfer: clues.median === null ? null : Number(clues.median),
      p90DaysToTransfer: clues.p90 === null ? null : Number(clues.p90),
      closed: clues.closed,
      filed: clues.filed,
      filingRate: ratio(clues.filed, clues.closed),
      closureRate: ratio(clues.closed, clues.transferred),
      findings: findings.findings,
      rectifiedFindings: findings.rectified,
      rectificationRate: ratio(findings.rectified, findings.findings),
      immediateRectifications: findings.immediate,
      rulesEstablished: findings.rules,
    };
  }
}
