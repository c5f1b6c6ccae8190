import { forbidden } from '../common/errors';
import { sql, type SqlPart } from '../common/paging';
import type { SubgraphContext } from '../subgraphs/types';
import { recordDeclaration } from './records';
import { SharingClass } from './sensitivity';

/** Length of the region-code prefix a home region matches (city, district). */
const regionPrefix = (r: string) => (r.endsWith('0000') ? 2 : r.endsWith('00') ? 4 : 6);

/**
 * The caller's row scope for a type as a SQL condition on the column holding the
 * record's unit credit code: lists, counts and statistics add it to their WHERE, so
 * pages and totals only ever count what the caller may see.
 */
export function scopeFilter(ctx: SubgraphContext, typeName: string, column: string): SqlPart {
  const decl = recordDeclaration(typeName);
  if (!decl || decl.level === SharingClass.OPEN) return sql('TRUE');
  const scope = ctx.policy.rowScope(typeName);
  if (!scope.all) return scope.units.length ? sql(`${column} = ANY($?)`, scope.units) : sql('FALSE');
  const parts: string[] = [];
  const params: unknown[] = [];
  if (scope.exceptUnits.length) {
    parts.push(`NOT (${column} = ANY($?))`);
    params.push(scope.exceptUnits);
  }
  for (const r of scope.exceptRegions) {
    const n = regionPrefix(r);
    parts.push(`substr(${column}, 3, ${n}) <> $?`);
    params.push(r.slice(0, n));
  }
  return parts.length ? { sql: parts.join(' AND '), params } : sql('TRUE');
}

/** The same condition numbered for a hand-written query whose parameters are `params` so far. */
export function scopeClause(ctx: SubgraphContext, typeName: string, column: string, params: unknown[]): string {
  const part = scopeFilter(ctx, typeName, column);
  let i = 0;
  return part.sql.replace(/\$\?/g, () => `$${params.push(part.params[i++])}`);
}

/**
 * No oracles: filtering, sorting or grouping by a field needs clear-text read access
 * to it on every record in the caller's scope; otherwise the query is refused rather
 * than answered with a list that would itself disclose the field.
 */
export function assertMayQueryBy(ctx: SubgraphContext, typeName: string, fieldName: string): void {
  const field = ctx.fieldPolicy(typeName, fieldName);
  if (!ctx.policy.mayQueryBy(field)) {
    throw forbidden(`Filtering or sorting by ${typeName}.${fieldName} needs read access to it (${field.level})`, { field: `${typeName}.${fieldName}`, sensitivity: field.level });
  }
}
