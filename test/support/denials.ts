import type { GqlResult } from './hub';

/** A response path with list indices collapsed: every record of a list shares it. */
export const collapsed = (path: readonly (string | number)[] = []): string => path.map((k) => (typeof k === 'number' ? '*' : k)).join('.');

/**
 * The FORBIDDEN errors of a result as `collapsed path -> records denied` (one error per
 * field path and reason, its count the records it nulled). A path seen twice adds up.
 */
export function denials(res: Pick<GqlResult, 'errors'>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of res.errors ?? []) {
    if (e.extensions?.code !== 'FORBIDDEN') continue;
    const key = collapsed(e.path);
    out[key] = (out[key] ?? 0) + (e.extensions.count ?? 1);
  }
  return out;
}
