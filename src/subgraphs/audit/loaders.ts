import { byKey, groupByKey, uuids } from '../../common/loaders';
import { scopeClause, scopeFilter } from '../../authz/scope';
import { hydrate, pagesByParent, sql, type Page } from '../../common/paging';
import type { SubgraphContext } from '../types';
import { RectificationStatus } from './enums';
import { AuditFinding } from './finding.entity';
import { AuditProject } from './project.entity';

/** Request-scoped loaders of the audit subgraph: one SQL statement per kind, level and argument shape. */
/** Rows of `table` matching `where` ($1 = keys) inside the caller's row scope, as entities. */
async function scopedRows<T>(ctx: SubgraphContext, entity: typeof AuditProject | typeof AuditFinding, typeName: string, where: string, keys: unknown[], order: string): Promise<T[]> {
  const meta = ctx.ds.getMetadata(entity);
  const params: unknown[] = [keys];
  const rows: Record<string, unknown>[] = await ctx.ds.query(
    `SELECT * FROM "${meta.schema}"."${meta.tableName}" t WHERE ${where} AND ${scopeClause(ctx, typeName, 't.unit_credit_code', params)} ORDER BY ${order}`,
    params,
  );
  return rows.map((r) => hydrate<T>(meta, r));
}

export const projectsById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, AuditProject | null>('auditProjectById', async (ids) =>
    byKey(ids, await scopedRows<AuditProject>(ctx, AuditProject, 'AuditProject', 't.id = ANY($1)', uuids(ids), 't.id'), (p) => p.id),
  );

export const findingsByProject = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, AuditFinding[]>('auditFindingsByProject', async (projectIds) => {
    const rows = await scopedRows<AuditFinding>(ctx, AuditFinding, 'AuditFinding', 't.project_id = ANY($1)', uuids(projectIds), 't.seq');
    return groupByKey(projectIds, rows, (f) => f.projectId);
  });

export const projectsByCadre = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, AuditProject[]>('auditProjectsByCadre', async (cadreIds) => {
    const rows = await scopedRows<AuditProject>(ctx, AuditProject, 'AuditProject', 't.audited_cadre_id = ANY($1)', uuids(cadreIds), 't.report_date DESC, t.id DESC');
    return groupByKey(cadreIds, rows, (p) => p.auditedCadreId);
  });

/** Newest report first. */
export const projectPagesByUnit = (ctx: SubgraphContext, first: number, after: string | undefined) =>
  ctx.loaders.get<string, Page<AuditProject>>(`auditProjectsByUnit:${first}:${after ?? ''}`, (codes) =>
    pagesByParent<AuditProject>({
      ds: ctx.ds,
      entity: AuditProject,
      parentColumn: 'unit_credit_code',
      parentKeys: codes,
      filters: [scopeFilter(ctx, 'AuditProject', 't.unit_credit_code')],
      sortColumn: 'report_date',
      first,
      after,
    }),
  );

/** Newest report first; findings of one report in hub-id order, which never changes. */
export const findingPagesByUnit = (ctx: SubgraphContext, first: number, after: string | undefined, status: RectificationStatus | undefined) =>
  ctx.loaders.get<string, Page<AuditFinding>>(`auditFindingsByUnit:${first}:${after ?? ''}:${status ?? ''}`, (codes) =>
    pagesByParent<AuditFinding>({
      ds: ctx.ds,
      entity: AuditFinding,
      parentColumn: 'unit_credit_code',
      parentKeys: codes,
      filters: [...(status ? [sql('t.rectification_status = $?', status)] : []), scopeFilter(ctx, 'AuditFinding', 't.unit_credit_code')],
      sortColumn: 'report_date',
      first,
      after,
    }),
  );

export interface UnitAuditStats {
  unitCreditCode: string;
  findings: number;
  rectified: number;
  totalAmount: string;
}

/** One GROUP BY for every unit asked about; the sum stays numeric in SQL so no cent is lost to floats. */
export const statsByUnit = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, UnitAuditStats>('auditStatsByUnit', async (codes) => {
    const params: unknown[] = [codes, RectificationStatus.RECTIFIED];
    const scope = scopeClause(ctx, 'AuditFinding', 'f.unit_credit_code', params);
    const rows: { code: string; findings: number; rectified: number; total: string }[] = await ctx.ds.query(
      `SELECT f.unit_credit_code AS code,
              count(*)::int AS findings,
              count(*) FILTER (WHERE f.rectification_status = $2)::int AS rectified,
              coalesce(sum(f.amount), 0.00)::text AS total
         FROM audit.audit_finding f
        WHERE f.unit_credit_code = ANY($1) AND ${scope}
        GROUP BY f.unit_credit_code`,
      params,
    );
    const found = byKey(codes, rows, (r) => r.code);
    return found.map((r, i) => ({ unitCreditCode: codes[i], ...(r ? { findings: r.findings, rectified: r.rectified, totalAmount: r.total } : { findings: 0, rectified: 0, totalAmount: '0.00' }) }));
  });
