import type { DataSource } from 'typeorm';
import { AGENCY_KIND_LABELS } from '../common/agency';
import { hubError } from '../common/errors';
import { SUBGRAPH_NAMES } from '../config';
import { log } from '../log';
import { SUBGRAPHS } from '../subgraphs/registry';
import type { RunningSubgraph } from '../subgraphs/server';

/** How a person is told which service is meant — the agency and the subgraph, e.g. 信访局数据服务（petition） — never its address. */
export function serviceLabel(subgraph: string): string {
  const owner = SUBGRAPHS.find((m) => m.name === subgraph)?.owner;
  return `${owner ? AGENCY_KIND_LABELS[owner] : '共享平台'}数据服务（${subgraph}）`;
}

/** A subgraph service that cannot be reached (or answers that it is unavailable). */
export const serviceUnavailable = (subgraph: string) => hubError('SERVICE_UNAVAILABLE', `${serviceLabel(subgraph)}暂不可用，请稍后重试`, { source: subgraph });

const PROBE_MS = 2000;

/** How long the gateway waits for a subgraph service before calling it unavailable: SUBGRAPH_TIMEOUT_MS, default 30 s (as peer calls). */
export function subgraphTimeoutMs(): number {
  const raw = process.env.SUBGRAPH_TIMEOUT_MS;
  if (raw === undefined || raw === '') return 30_000;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`SUBGRAPH_TIMEOUT_MS must be a positive integer, got "${raw}"`);
  return ms;
}

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

const databaseUp = (ds: DataSource) => within(PROBE_MS, ds.query('SELECT 1')).then(() => true);

/** A remote subgraph is up when its own /readyz (process and database) says so. */
async function remoteUp(url: string): Promise<boolean> {
  const res = await fetch(new URL('/readyz', url), { signal: AbortSignal.timeout(PROBE_MS) });
  await res.body?.cancel();
  return res.ok;
}

export interface Readiness {
  status: 'ready' | 'unavailable';
  database: 'up' | 'down';
  services: Record<string, 'up' | 'down'>;
  /** The services that are down, named for people (no addresses). */
  unavailable?: string[];
}

/** What /readyz reports: the gateway's database and every subgraph, in-process (its database) or remote (its /readyz). */
export async function readiness(accessDs: DataSource, local: Map<string, RunningSubgraph>, remote: Record<string, string | undefined>): Promise<Readiness> {
  const check = (what: string, probe: () => Promise<boolean>) =>
    probe().catch((err) => {
      log.warn({ what, err: String(err) }, 'readiness check failed');
      return false;
    });
  const [database, ...up] = await Promise.all([
    check('database', () => databaseUp(accessDs)),
    ...SUBGRAPH_NAMES.map((name) => {
      const url = remote[name];
      const sub = local.get(name);
      return check(name, url ? () => remoteUp(url) : sub ? () => databaseUp(sub.ds) : async () => false);
    }),
  ]);
  const services = Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, up[i] ? 'up' : 'down'])) as Record<string, 'up' | 'down'>;
  const down = SUBGRAPH_NAMES.filter((_, i) => !up[i]);
  const ready = database && !down.length;
  return {
    status: ready ? 'ready' : 'unavailable',
    database: database ? 'up' : 'down',
    services,
    ...(ready ? {} : { unavailable: [...(database ? [] : ['数据库']), ...down.map(serviceLabel)] }),
  };
}
