import type { Logger, QueryRunner } from 'typeorm';
import { currentSqlCounter } from '../common/request-scope';
import { log } from '../log';

/**
 * Counts SQL statements per request so that N+1 regressions show up in tests and
 * benchmarks. The counter rides in the request's scope (common/request-scope.ts), which
 * follows the request from the gateway into in-process subgraphs and down to TypeORM. A subgraph served
 * on its own reports its count in its response, and the caller adds it.
 */
export interface SqlCounter {
  statements: number;
}
let processTotal = 0;

/**
 * Adds statements issued on a request's behalf elsewhere: by a shared audit
 * transaction, or by another service that reported its count (`extensions.sqlStatements`).
 */
export function chargeSqlStatements(counter: SqlCounter | undefined, statements: unknown): void {
  if (counter && typeof statements === 'number' && Number.isInteger(statements) && statements > 0) counter.statements += statements;
}
export function totalSqlStatements(): number {
  return processTotal;
}

export class CountingLogger implements Logger {
  logQuery(query: string, parameters?: unknown[], _qr?: QueryRunner): void {
    processTotal++;
    const counter = currentSqlCounter();
    if (counter) counter.statements++;
    if (log.isLevelEnabled('trace')) log.trace({ query, parameters }, 'sql');
  }
  logQueryError(error: string | Error, query: string): void {
    log.warn({ err: String(error), query }, 'sql error');
  }
  logQuerySlow(time: number, query: string): void {
    log.warn({ time, query }, 'slow sql');
  }
  /** TypeORM's CLI (migration:show) reports through this. */
  logSchemaBuild(message: string): void {
    log.info({ schema: message }, 'typeorm');
  }
  logMigration(message: string): void {
    log.info({ migration: message }, 'migration');
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level !== 'warn') return;
    // Idle pooled connections see the server's shutdown notice when the embedded server stops after us.
    if (/administrator command/.test(String(message))) log.info({ message }, 'typeorm');
    else log.warn({ message }, 'typeorm');
  }
}
