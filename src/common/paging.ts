import { ArgsType, ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { createHmac } from 'node:crypto';
import { loadConfig } from '../config';
import { badInput } from './errors';
import { isUuid } from './loaders';
import { Open } from '../authz/sensitivity';

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (每页条数), at most the configured maximum' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the previous page' })
  after?: string;
}

// Every subgraph defines these shared value types identically, hence @shareable.
@ObjectType({ description: 'Where a page ends (分页信息)' })
@Directive('@shareable')
export class PageInfo {
  @Open()
  @Field() hasNextPage: boolean;
  @Open()
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export interface Page<T> {
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A connection type per item type: `nodes`, `pageInfo`, `totalCount`. */
export function Connection<T extends object>(Item: ClassType<T>) {
  @ObjectType(`${Item.name}ConnectionBase`)
  abstract class ConnectionClass {
    @Open()
    @Field(() => [Item]) nodes: T[];
    @Open()
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Open()
    @Field(() => Int, { description: 'Number of items matching, over all pages' }) totalCount: number;
  }
  return ConnectionClass;
}

export function pageSize(first: number | undefined, max: number, fallback = 20): number {
  if (first === undefined || first === null) return Math.min(fallback, max);
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw badInput(`first must be between 1 and ${max}`, { argument: 'first', max });
  }
  return first;
}

type Cursor = [string | number | null, string];

// Cursors are signed: a client may only hand back what the hub issued, so an edited
// cursor is refused as input instead of reaching SQL as a malformed value.
const sign = (payload: string) => createHmac('sha256', loadConfig().internalSecret).update(`cursor:${payload}`).digest('base64url').slice(0, 16);

export function encodeCursor(sortValue: unknown, id: string): string {
  const v = sortValue instanceof Date ? sortValue.toISOString() : (sortValue as string | number | null);
  const payload = Buffer.from(JSON.stringify([v, id])).toString('base64url');
  return `${payload}.${sign(payload)}`;
}

export function decodeCursor(cursor: string): Cursor {
  const [payload, mac] = cursor.split('.');
  if (payload && mac && mac === sign(payload)) {
    try {
      const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      if (Array.isArray(parsed) && parsed.length === 2 && isUuid(parsed[1])) return parsed as Cursor;
    } catch {
      /* fall through */
    }
  }
  throw badInput('after is not a cursor this service issued', { argument: 'after' });
}

/** A fragment of SQL with positional parameters; `$?` placeholders are numbered when assembled. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}
export const sql = (s: string, ...params: unknown[]): SqlPart => ({ sql: s, params });

function assemble(parts: SqlPart[], joiner: string, params: unknown[]): string {
  return parts
    .map((p) => {
      let i = 0;
      return p.sql.replace(/\$\?/g, () => {
        params.push(p.params[i++]);
        return `$${params.length}`;
      });
    })
    .join(joiner);
}

export interface PagedQuery {
  ds: DataSource;
  entity: EntityTarget<ObjectLiteral>;
  /** Column (database name) linking rows to their parent; null for a root list (one page). */
  parentColumn: string | null;
  parentKeys: readonly unknown[];
  filters: SqlPart[];
  /** Column (database name) to sort by, newest first; ties broken by id. */
  sortColumn: string;
  /** Instead of sortColumn: an expression over `t` to sort by, ascending; ties broken by id. */
  sortAscending?: SqlPart;
  first: number;
  after?: string;
}

/**
 * Pages of children for many parents in ONE statement: window functions number the
 * rows per parent and count them, so `units { petitions(first: 10) }` costs the same
 * single query for 5 units or 500.
 */
export async function pagesByParent<T>(q: PagedQuery): Promise<Page<T>[]> {
  const meta = q.ds.getMetadata(q.entity);
  const table = `"${meta.schema}"."${meta.tableName}"`;
  const params: unknown[] = [];
  const whereSql = assemble(parentFilter(q), ' AND ', params);
  const keySql = q.sortAscending ? assemble([q.sortAscending], '', params) : `t."${q.sortColumn}"`;
  const [dir, past] = q.sortAscending ? ['ASC', '>'] : ['DESC', '<'];
  const parent = q.parentColumn ? `t."${q.parentColumn}"` : '0';
  let cursorSql = 'TRUE';
  if (q.after) {
    const [v, id] = decodeCursor(q.after);
    cursorSql = assemble([sql(`(b.__key, b.id) ${past} ($?, $?::uuid)`, v, id)], '', params);
  }
  params.push(q.first + 1);
  const limitParam = `$${params.length}`;
  const rows: Record<string, unknown>[] = await q.ds.query(
    `WITH base AS (
       SELECT t.*, ${keySql} AS __key, (${keySql})::text AS __sort, ${parent} AS __parent, count(*) OVER (PARTITION BY ${parent}) AS __total FROM ${table} t WHERE ${whereSql}
     ), ranked AS (
       SELECT b.*, row_number() OVER (PARTITION BY b.__parent ORDER BY b.__key ${dir}, b.id ${dir}) AS __rn
       FROM base b WHERE ${cursorSql}
     )
     SELECT * FROM ranked WHERE __rn <= ${limitParam} ORDER BY __parent, __rn`,
    params,
  );
  const byParent = new Map<unknown, Record<string, unknown>[]>();
  for (const r of rows) {
    const k = q.parentColumn ? r.__parent : 0;
    const list = byParent.get(k);
    if (list) list.push(r);
    else byParent.set(k, [r]);
  }
  // The total is counted before the cursor cuts rows; a page after the last one has no rows to carry it.
  const totals = q.after ? await totalsByParent(q, table) : undefined;
  const keys = q.parentColumn ? q.parentKeys : [0];
  return keys.map((key) => {
    const list = byParent.get(key) ?? [];
    const hasNextPage = list.length > q.first;
    const nodes = list.slice(0, q.first).map((r) => hydrate<T>(meta, r));
    const last = list[Math.min(list.length, q.first) - 1];
    return {
      nodes,
      // The sort value travels as PostgreSQL's text of it: a timestamp keeps its microseconds (a JS Date would cut them to ms and skip rows).
      pageInfo: { hasNextPage, endCursor: last ? encodeCursor(last.__sort, String(last.id)) : null },
      totalCount: totals ? (totals.get(key) ?? 0) : Number(list[0]?.__total ?? 0),
    };
  });
}

async function totalsByParent(q: PagedQuery, table: string): Promise<Map<unknown, number>> {
  const params: unknown[] = [];
  const whereSql = assemble(parentFilter(q), ' AND ', params);
  const parent = q.parentColumn ? `t."${q.parentColumn}"` : '0';
  const rows: { k: unknown; n: string }[] = await q.ds.query(
    `SELECT ${parent} AS k, count(*) AS n FROM ${table} t WHERE ${whereSql} GROUP BY 1`,
    params,
  );
  return new Map(rows.map((r) => [r.k, Number(r.n)]));
}

function parentFilter(q: PagedQuery): SqlPart[] {
  const parts = q.parentColumn ? [sql(`t."${q.parentColumn}" = ANY($?)`, q.parentKeys), ...q.filters] : [...q.filters];
  return parts.length ? parts : [sql('TRUE')];
}

/** One page of a root list (no parent), same SQL shape as pagesByParent. */
export async function rootPage<T>(q: Omit<PagedQuery, 'parentColumn' | 'parentKeys'>): Promise<Page<T>> {
  const [page] = await pagesByParent<T>({ ...q, parentColumn: null, parentKeys: [] });
  return page;
}

/** Raw row (database column names) → entity-shaped object (property names). */
export function hydrate<T>(meta: { columns: { databaseName: string; propertyName: string }[] }, row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const c of meta.columns) out[c.propertyName] = row[c.databaseName];
  return out as T;
}
