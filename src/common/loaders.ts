import DataLoader from 'dataloader';

/**
 * One DataLoader per entity (and argument shape) per request. Resolvers ask for a
 * loader by name; the first call creates it, later calls in the same request reuse
 * it, so every level of a query becomes one batched SQL statement.
 */
export class RequestLoaders {
  private loaders = new Map<string, DataLoader<any, any>>();

  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>, cacheKeyFn?: (k: K) => any): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { cacheKeyFn, maxBatchSize: 5000 });
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** Orders rows to match the keys DataLoader asked for (missing → null). */
export function byKey<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | null)[] {
  const map = new Map<K, T>();
  for (const r of rows) map.set(keyOf(r), r);
  return keys.map((k) => map.get(k) ?? null);
}

/** Groups rows under the keys DataLoader asked for (missing → []). */
export function groupByKey<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const map = new Map<K, T[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID.test(s);
/** Keys that can be ids at all: a malformed id (e.g. a forged entity reference) simply finds nothing. */
export const uuids = (keys: readonly unknown[]): string[] => keys.filter(isUuid);
