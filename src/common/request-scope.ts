import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqlCounter } from '../db/sql-counter';

/**
 * What follows one client request through its async calls, from the gateway into the
 * in-process subgraphs and down to TypeORM: the counter of its SQL statements and a
 * memo its parts share (the caller, resolved once). One AsyncLocalStorage for all of
 * it: on Node 20 every store adds work to every promise the process creates, and a
 * request creates hundreds (issue 11: the fixed cost per request).
 */
interface RequestScope {
  sql: SqlCounter;
  memo: Map<string, unknown>;
}
const storage = new AsyncLocalStorage<RequestScope>();

/** Runs one client request: its statements are counted in `counter`, its memo starts empty. */
export function runRequest<T>(counter: SqlCounter, fn: () => T): T {
  return storage.run({ sql: counter, memo: new Map() }, fn);
}

/** Counts the statements `fn` issues in `counter` instead, within the same request (its memo is kept). */
export function runWithSqlCounter<T>(counter: SqlCounter, fn: () => T): T {
  return storage.run({ sql: counter, memo: storage.getStore()?.memo ?? new Map() }, fn);
}

export function currentSqlCounter(): SqlCounter | undefined {
  return storage.getStore()?.sql;
}

/** The current request's memo (undefined outside a request): never shared between requests. */
export function requestMemo(): Map<string, unknown> | undefined {
  return storage.getStore()?.memo;
}
