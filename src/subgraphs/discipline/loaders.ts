import { In } from 'typeorm';
import { groupByKey, uuids } from '../../common/loaders';
import { hydrate, pagesByParent, sql, type Page, type SqlPart } from '../../common/paging';
import { scopeClause, scopeFilter } from '../../authz/scope';
import type { SubgraphContext } from '../types';
import { ClueStats } from './clue-stats';
import { ProblemClue } from './clue.entity';
import { ClueStatus, DisposalMethod } from './enums';
import { Sanction } from './sanction.entity';
import { StationedGroup, StationedGroupUnit } from './stationed-group.entity';

/**
 * Request-scoped loaders of the discipline subgraph. Units are keyed by credit code;
 * each loader is one SQL statement for all the units (or cadres, groups) a query
 * level asks about, and page loaders are named after their arguments so that
 * different pages never share a batch.
 */

export interface ClueFilter {
  status?: ClueStatus;
  from?: string;
  to?: string;
}

export const cluesByUnit = (ctx: SubgraphContext, first: number, after: string | undefined, f: ClueFilter) =>
  ctx.loaders.get<string, Page<ProblemClue>>(`cluesByUnit:${first}:${after ?? ''}:${f.status ?? ''}:${f.from ?? ''}:${f.to ?? ''}`, (codes) => {
    const filters: SqlPart[] = [];
    if (f.status) filters.push(sql('t.status = $?', f.status));
    if (f.from) filters.push(sql('t.received_date >= $?', f.from));
    if (f.to) filters.push(sql('t.received_date <= $?', f.to));
    filters.push(scopeFilter(ctx, 'ProblemClue', 't.unit_credit_code'));
    return pagesByParent<ProblemClue>({ ds: ctx.ds, entity: ProblemClue, parentColumn: 'unit_credit_code', parentKeys: codes, filters, sortColumn: 'received_date', first, after });
  });

export const sanctionsByUnit = (ctx: SubgraphContext, first: number, after: string | undefined) =>
  ctx.loaders.get<string, Page<Sanction>>(`sanctionsByUnit:${first}:${after ?? ''}`, (codes) =>
    pagesByParent<Sanction>({
      ds: ctx.ds,
      entity: Sanction,
      parentColumn: 'unit_credit_code',
      parentKeys: codes,
      filters: [scopeFilter(ctx, 'Sanction', 't.unit_credit_code')],
      sortColumn: 'decided_date',
      first,
      after,
    }),
  );

export const clueStatsByUnit = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, ClueStats>('clueStatsByUnit', async (codes) => {
    const params: unknown[] = [codes, ClueStatus.CLOSED];
    const scope = scopeClause(ctx, 'ProblemClue', 'unit_credit_code', params);
    const rows: { code: string; method: DisposalMethod | null; n: number; filed: number; closed: number }[] = await ctx.ds.query(
      `SELECT unit_credit_code AS code, disposal_method AS method, count(*)::int AS n,
              count(filed_date)::int AS filed, (count(*) FILTER (WHERE status = $2))::int AS closed
         FROM discipline.problem_clue WHERE unit_credit_code = ANY($1) AND ${scope} GROUP BY 1, 2`,
      params,
    );
    const grouped = groupByKey(codes, rows, (r) => r.code);
    return grouped.map((list) => ({
      total: list.reduce((s, r) => s + r.n, 0),
      filed: list.reduce((s, r) => s + r.filed, 0),
      closed: list.reduce((s, r) => s + r.closed, 0),
      // Every method is listed, zeros included, so clients can chart units side by side.
      byDisposalMethod: Object.values(DisposalMethod).map((method) => ({ method, count: list.find((r) => r.method === method)?.n ?? 0 })),
    }));
  });

export const sanctionsByCadre = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Sanction[]>('sanctionsByCadre', async (cadreIds) => {
    const params: unknown[] = [uuids(cadreIds)];
    const raw: Record<string, unknown>[] = await ctx.ds.query(
      `SELECT * FROM discipline.sanction t WHERE t.cadre_id = ANY($1) AND ${scopeClause(ctx, 'Sanction', 't.unit_credit_code', params)} ORDER BY t.decided_date DESC, t.id DESC`,
      params,
    );
    const meta = ctx.ds.getMetadata(Sanction);
    return groupByKey(cadreIds, raw.map((r) => hydrate<Sanction>(meta, r)), (s) => s.cadreId);
  });

export const groupsByUnit = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, StationedGroup[]>('stationedGroupsByUnit', async (codes) => {
    const rows: Record<string, unknown>[] = await ctx.ds.query(
      `SELECT g.*, gu.unit_credit_code AS __unit
         FROM discipline.stationed_group_unit gu JOIN discipline.stationed_group g ON g.id = gu.group_id
        WHERE gu.unit_credit_code = ANY($1) ORDER BY g.name, g.id`,
      [codes],
    );
    const meta = ctx.ds.getMetadata(StationedGroup);
    return groupByKey(codes, rows, (r) => r.__unit as string).map((list) => list.map((r) => hydrate<StationedGroup>(meta, r)));
  });

export const unitCodesByGroup = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, string[]>('unitCodesByStationedGroup', async (groupIds) => {
    const rows = await ctx.ds.getRepository(StationedGroupUnit).find({ where: { groupId: In(uuids(groupIds)) }, order: { unitCreditCode: 'ASC' } });
    return groupByKey(groupIds, rows, (r) => r.groupId).map((list) => list.map((r) => r.unitCreditCode));
  });
