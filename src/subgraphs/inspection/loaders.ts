import { In } from 'typeorm';
import { byKey, groupByKey, uuids } from '../../common/loaders';
import { hydrate } from '../../common/paging';
import { scopeClause } from '../../authz/scope';
import type { SubgraphContext } from '../types';
import { RECTIFIED_STATUSES, RoundStatus, rectifiedSql } from './enums';
import { InspectionFinding } from './finding.entity';
import { InspectionRecord } from './inspection-record';
import { Inspector } from './inspector.entity';
import { RectificationItem } from './rectification-item.entity';
import { InspectionRound } from './round.entity';
import { TeamAssignment } from './team-assignment.entity';
import { InspectionTeam } from './team.entity';

/** Request-scoped loaders of the inspection subgraph: one SQL statement per kind and level. */
export const roundsById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, InspectionRound | null>('roundById', async (ids) =>
    byKey(ids, await ctx.ds.getRepository(InspectionRound).findBy({ id: In(uuids(ids)) }), (r) => r.id),
  );

export const teamsById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, InspectionTeam | null>('teamById', async (ids) =>
    byKey(ids, await ctx.ds.getRepository(InspectionTeam).findBy({ id: In(uuids(ids)) }), (t) => t.id),
  );

export const teamsByRound = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, InspectionTeam[]>('teamsByRound', async (roundIds) => {
    const rows = await ctx.ds.getRepository(InspectionTeam).find({ where: { roundId: In(uuids(roundIds)) }, order: { position: 'ASC' } });
    return groupByKey(roundIds, rows, (t) => t.roundId);
  });

export const inspectorsById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Inspector | null>('inspectorById', async (ids) =>
    byKey(ids, await ctx.ds.getRepository(Inspector).findBy({ id: In(uuids(ids)) }), (i) => i.id),
  );

export const membersByTeam = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Inspector[]>('membersByTeam', async (teamIds) => {
    const meta = ctx.ds.getMetadata(Inspector);
    const rows: Record<string, unknown>[] = await ctx.ds.query(
      `SELECT m.team_id AS __team, i.* FROM inspection.team_member m JOIN inspection.inspector i ON i.id = m.inspector_id
        WHERE m.team_id = ANY($1::uuid[]) ORDER BY m.team_id, m.position`,
      [uuids(teamIds)],
    );
    const grouped = groupByKey(teamIds, rows, (r) => r.__team as string);
    return grouped.map((list) => list.map((r) => hydrate<Inspector>(meta, r)));
  });

export const assignmentsByTeam = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, TeamAssignment[]>('assignmentsByTeam', async (teamIds) => {
    const rows = await ctx.ds.getRepository(TeamAssignment).find({ where: { teamId: In(uuids(teamIds)) }, order: { position: 'ASC' } });
    return groupByKey(teamIds, rows, (a) => a.teamId);
  });

export const itemsByFinding = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, RectificationItem[]>('itemsByFinding', async (findingIds) => {
    const params: unknown[] = [uuids(findingIds)];
    const scope = scopeClause(ctx, 'RectificationItem', 't.responsible_unit_credit_code', params);
    const rows: Record<string, unknown>[] = await ctx.ds.query(`SELECT * FROM inspection.rectification_item t WHERE t.finding_id = ANY($1) AND ${scope} ORDER BY t.seq`, params);
    const meta = ctx.ds.getMetadata(RectificationItem);
    return groupByKey(findingIds, rows.map((r) => hydrate<RectificationItem>(meta, r)), (i) => i.findingId);
  });

/** Key of a unit's findings in one round. */
export const unitRoundKey = (unitCreditCode: string, roundId: string) => `${unitCreditCode}|${roundId}`;

export const findingsByUnitRound = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, InspectionFinding[]>('findingsByUnitRound', async (keys) => {
    const pairs = keys.map((k) => k.split('|')).filter(([, roundId]) => uuids([roundId]).length === 1);
    const meta = ctx.ds.getMetadata(InspectionFinding);
    const params: unknown[] = [pairs.map(([unit]) => unit), pairs.map(([, round]) => round)];
    const scope = scopeClause(ctx, 'InspectionFinding', 'f.unit_credit_code', params);
    const rows: Record<string, unknown>[] = await ctx.ds.query(
      `SELECT f.* FROM inspection.inspection_finding f
         JOIN unnest($1::bpchar[], $2::uuid[]) AS k(unit_credit_code, round_id)
           ON f.unit_credit_code = k.unit_credit_code AND f.round_id = k.round_id
        WHERE ${scope}
        ORDER BY f.external_id`,
      params,
    );
    const findings = rows.map((r) => hydrate<InspectionFinding>(meta, r));
    return groupByKey(keys, findings, (f) => unitRoundKey(f.unitCreditCode, f.roundId));
  });

/**
 * A unit's inspections: every round it was assigned to a team in or has findings
 * from (cancelled rounds excepted), newest first, with the rectification rate
 * counted in the same statement for all requested units.
 */
export const inspectionsByUnit = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, InspectionRecord[]>('inspectionsByUnit', async (codes) => {
    const meta = ctx.ds.getMetadata(InspectionRound);
    const params: unknown[] = [[...codes], RECTIFIED_STATUSES, RoundStatus.CANCELLED];
    // The rate is a statistic over findings: it only counts findings the caller may see.
    const scope = scopeClause(ctx, 'InspectionFinding', 'f.unit_credit_code', params);
    const itemScope = scopeClause(ctx, 'RectificationItem', 'i.responsible_unit_credit_code', params);
    const rows: Record<string, unknown>[] = await ctx.ds.query(
      `WITH pairs AS (
         SELECT unit_credit_code, round_id FROM inspection.team_assignment WHERE unit_credit_code = ANY($1::bpchar[])
         UNION
         SELECT f.unit_credit_code, f.round_id FROM inspection.inspection_finding f WHERE f.unit_credit_code = ANY($1::bpchar[]) AND ${scope}
       ), rates AS (
         SELECT f.unit_credit_code, f.round_id, count(*) AS items, count(*) FILTER (WHERE ${rectifiedSql('i', '$2')}) AS rectified
           FROM inspection.inspection_finding f JOIN inspection.rectification_item i ON i.finding_id = f.id
          WHERE f.unit_credit_code = ANY($1::bpchar[]) AND ${scope} AND ${itemScope}
          GROUP BY 1, 2
       )
       SELECT p.unit_credit_code AS __unit, a.team_id AS __team, rt.items AS __items, rt.rectified AS __rectified, r.*
         FROM pairs p
         JOIN inspection.inspection_round r ON r.id = p.round_id AND r.status <> $3
         LEFT JOIN inspection.team_assignment a ON a.round_id = p.round_id AND a.unit_credit_code = p.unit_credit_code
         LEFT JOIN rates rt ON rt.unit_credit_code = p.unit_credit_code AND rt.round_id = p.round_id
        ORDER BY r.start_date DESC, r.id`,
      params,
    );
    const records = rows.map(
      (r): InspectionRecord => ({
        round: hydrate<InspectionRound>(meta, r),
        unitCreditCode: String(r.__unit).trim(),
        teamId: (r.__team as string | null) ?? null,
        rectificationRate: r.__items ? Number(r.__rectified) / Number(r.__items) : null,
      }),
    );
    return groupByKey(codes, records, (rec) => rec.unitCreditCode);
  });
