import { byKey, uuids } from '../../common/loaders';
import { hydrate, pagesByParent, rootPage, sql, type Page, type SqlPart } from '../../common/paging';
import { scopeClause, scopeFilter } from '../../authz/scope';
import type { SubgraphContext } from '../types';
import { PetitionCategory } from './enums';
import { Petition } from './petition.entity';
import { PublicOpinionItem } from './public-opinion.entity';

/** Request-scoped loaders of the petition subgraph: one SQL statement per kind, level and argument shape. */
export const petitionsById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Petition | null>('petitionById', async (ids) => {
    const params: unknown[] = [uuids(ids)];
    const rows: Record<string, unknown>[] = await ctx.ds.query(
      `SELECT * FROM petition.petition t WHERE t.id = ANY($1) AND ${scopeClause(ctx, 'Petition', 't.unit_credit_code', params)}`,
      params,
    );
    const meta = ctx.ds.getMetadata(Petition);
    return byKey(ids, rows.map((r) => hydrate<Petition>(meta, r)), (p) => p.id);
  });

export interface PetitionFilter {
  from?: string | null;
  to?: string | null;
  category?: PetitionCategory | null;
  reporterName?: string | null;
  unitCreditCode?: string | null;
}

function petitionFilters(f: PetitionFilter): SqlPart[] {
  const parts: SqlPart[] = [];
  if (f.from) parts.push(sql('t.received_date >= $?::date', f.from));
  if (f.to) parts.push(sql('t.received_date <= $?::date', f.to));
  if (f.category) parts.push(sql('t.category = $?', f.category));
  if (f.reporterName) parts.push(sql('t.reporter_name = $?', f.reporterName));
  if (f.unitCreditCode) parts.push(sql('t.unit_credit_code = $?', f.unitCreditCode));
  return parts;
}

/** Pages of petitions per unit, newest received first; the loader name carries every argument. */
export const petitionPagesByUnit = (ctx: SubgraphContext, first: number, after: string | undefined, f: PetitionFilter) =>
  ctx.loaders.get<string, Page<Petition>>(`petitionsByUnit:${JSON.stringify([first, after, f.from, f.to, f.category, f.reporterName])}`, (codes) =>
    pagesByParent<Petition>({
      ds: ctx.ds,
      entity: Petition,
      parentColumn: 'unit_credit_code',
      parentKeys: codes,
      filters: [...petitionFilters(f), scopeFilter(ctx, 'Petition', 't.unit_credit_code')],
      sortColumn: 'received_date',
      first,
      after,
    }),
  );

/** One page of all the petitions the caller may see (the petition bureau's own search, and benchmarks). */
export const petitionPage = (ctx: SubgraphContext, first: number, after: string | undefined, f: PetitionFilter) =>
  rootPage<Petition>({
    ds: ctx.ds,
    entity: Petition,
    filters: [...petitionFilters(f), scopeFilter(ctx, 'Petition', 't.unit_credit_code')],
    sortColumn: 'received_date',
    first,
    after,
  });

/** Pages of petitions naming a cadre; malformed ids (forged references) simply find nothing. */
export const petitionPagesByCadre = (ctx: SubgraphContext, first: number, after: string | undefined) =>
  ctx.loaders.get<string, Page<Petition>>(`petitionsByCadre:${first}:${after ?? ''}`, async (ids) => {
    const valid = uuids(ids);
    const pages = await pagesByParent<Petition>({
      ds: ctx.ds,
      entity: Petition,
      parentColumn: 'cadre_id',
      parentKeys: valid,
      filters: [scopeFilter(ctx, 'Petition', 't.unit_credit_code')],
      sortColumn: 'received_date',
      first,
      after,
    });
    const byId = new Map(valid.map((id, i) => [id, pages[i]]));
    return ids.map((id) => byId.get(id) ?? { nodes: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });
  });

export const opinionPagesByUnit = (ctx: SubgraphContext, first: number, after: string | undefined) =>
  ctx.loaders.get<string, Page<PublicOpinionItem>>(`publicOpinionsByUnit:${first}:${after ?? ''}`, (codes) =>
    pagesByParent<PublicOpinionItem>({
      ds: ctx.ds,
      entity: PublicOpinionItem,
      parentColumn: 'unit_credit_code',
      parentKeys: codes,
      filters: [scopeFilter(ctx, 'PublicOpinionItem', 't.unit_credit_code')],
      sortColumn: 'published_date',
      first,
      after,
    }),
  );

export interface UnitPetitionStats {
  total: number;
  anonymousShare: number;
  byCategory: { category: PetitionCategory; count: number }[];
  byYear: { year: number; count: number }[];
}

type StatsRow = { k: string; category: PetitionCategory | null; year: number | null; by_category: number; by_year: number; n: number; anon: number };

/**
 * Petition figures for many units in ONE statement: grouping sets give the unit
 * totals, the per-category and the per-year counts together.
 */
export const petitionStatsByUnit = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, UnitPetitionStats>('petitionStatsByUnit', async (codes) => {
    const params: unknown[] = [codes];
    const scope = scopeClause(ctx, 'Petition', 't.unit_credit_code', params);
    const rows: StatsRow[] = await ctx.ds.query(
      `SELECT t.unit_credit_code AS k, t.category, extract(year FROM t.received_date)::int AS year,
              GROUPING(t.category)::int AS by_category, GROUPING(extract(year FROM t.received_date))::int AS by_year,
              count(*)::int AS n, count(*) FILTER (WHERE t.anonymous)::int AS anon
         FROM petition.petition t
        WHERE t.unit_credit_code = ANY($1) AND ${scope}
        GROUP BY GROUPING SETS ((t.unit_credit_code), (t.unit_credit_code, t.category), (t.unit_credit_code, extract(year FROM t.received_date)))`,
      params,
    );
    const stats = new Map<string, UnitPetitionStats>();
    const of = (k: string) => {
      let s = stats.get(k);
      if (!s) stats.set(k, (s = { total: 0, anonymousShare: 0, byCategory: [], byYear: [] }));
      return s;
    };
    for (const r of rows) {
      const s = of(r.k);
      if (r.by_category && r.by_year) {
        s.total = r.n;
        s.anonymousShare = r.n ? r.anon / r.n : 0;
      } else if (!r.by_category) s.byCategory.push({ category: r.category!, count: r.n });
      else s.byYear.push({ year: r.year!, count: r.n });
    }
    const order = Object.values(PetitionCategory);
    for (const s of stats.values()) {
      s.byCategory.sort((a, b) => b.count - a.count || order.indexOf(a.category) - order.indexOf(b.category));
      s.byYear.sort((a, b) => a.year - b.year);
    }
    return codes.map((k) => stats.get(k) ?? { total: 0, anonymousShare: 0, byCategory: [], byYear: [] });
  });
