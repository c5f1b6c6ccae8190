/**
 * A function of an object, computed once per object and kept no longer than it lives.
 * Apollo Server keeps one parsed DocumentNode per query text (its document store) and the
 * gateway one GraphQLSchema per supergraph, so work keyed on them runs once per distinct
 * query instead of once per request — and a new supergraph gets fresh results.
 */
export function weakMemo<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    if (cache.has(key)) return cache.get(key)!;
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}
