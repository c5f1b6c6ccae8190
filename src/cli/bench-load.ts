import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { LoadJob, LoadResult } from './bench-client';

export type { LoadResult };

/** One load target: where, as whom, which request bodies, how many connections. */
export interface Target {
  name: string;
  url: string;
  token?: string;
  bodies: string[];
  connections: number;
  /** Requests per round instead of a time window, for requests slow enough that a window would end mid-answer. */
  amount?: number;
}

export const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The load generator in a child process of its own (bench-client.ts), reused for every job. */
export class LoadClient {
  private readonly child: ChildProcess;
  private pending: { resolve: (r: LoadResult) => void; reject: (e: Error) => void } | undefined;

  constructor(private readonly seconds: number) {
    this.child = fork(path.join(__dirname, 'bench-client.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (m: { result?: LoadResult; error?: string }) => {
      const p = this.pending;
      this.pending = undefined;
      if (m.error) p?.reject(new Error(m.error));
      else p?.resolve(m.result!);
    });
    this.child.on('exit', (code) => this.pending?.reject(new Error(`load client exited (${code})`)));
  }

  run(t: Target, seconds = this.seconds): Promise<LoadResult> {
    const job: LoadJob = { url: t.url, headers: t.token ? { authorization: t.token } : {}, bodies: t.bodies, connections: t.connections, seconds, amount: t.amount };
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.child.send(job);
    });
  }

  close(): void {
    this.child.disconnect();
  }
}

export interface Comparison {
  a: Target;
  b: Target;
  rounds: number;
  /** Median over rounds of each side's p50 and throughput. */
  aP50: number;
  bP50: number;
  aRps: number;
  bRps: number;
  /** Medians of the per-round ratios b/a. */
  p50Ratio: number;
  rpsRatio: number;
  failed: number;
}

/**
 * A against B in alternating rounds (A then B, then B then A, ...), so that drift in the
 * machine's load falls on both; each round gives a ratio, and the median of those is the answer.
 */
export async function compare(client: LoadClient, a: Target, b: Target, rounds: number, seconds?: number): Promise<Comparison> {
  // Warm-up (twice: the first is cold); a side too slow for its window (under 3 answers per connection: those in flight at its end would be lost) is timed by request count instead.
  const slow = async (t: Target) => {
    await client.run(t, seconds);
    return !t.amount && (await client.run(t, seconds)).requests < 3 * t.connections ? { ...t, amount: 2 * t.connections } : t;
  };
  a = await slow(a);
  b = await slow(b);
  const ra: LoadResult[] = [];
  const rb: LoadResult[] = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      ra.push(await client.run(a, seconds));
      rb.push(await client.run(b, seconds));
    } else {
      rb.push(await client.run(b, seconds));
      ra.push(await client.run(a, seconds));
    }
  }
  const per = (f: (x: LoadResult, y: LoadResult) => number) => median(ra.map((x, i) => f(x, rb[i])).filter(Number.isFinite));
  return {
    a,
    b,
    rounds,
    aP50: median(ra.map((r) => r.p50)),
    bP50: median(rb.map((r) => r.p50)),
    aRps: median(ra.map((r) => r.rps)),
    bRps: median(rb.map((r) => r.rps)),
    p50Ratio: per((x, y) => y.p50 / x.p50),
    rpsRatio: per((x, y) => y.rps / x.rps),
    failed: [...ra, ...rb].reduce((n, r) => n + r.failed, 0),
  };
}

const pad = (v: string | number, n: number) => String(v).padStart(n);
export const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

export function header(): string {
  return `${'case'.padEnd(70)}${pad('conn', 6)}${pad('p50 ms', 10)}${pad('req/s', 10)}\n`;
}

export function line(name: string, connections: number, p50: number, rps: number): string {
  return `${name.padEnd(70)}${pad(connections, 6)}${pad(fmt(p50), 10)}${pad(rps.toFixed(rps < 10 ? 1 : 0), 10)}\n`;
}

/** Both sides, then the medians of the per-round ratios (B over A) and the target when there is one. */
export function report(c: Comparison, label: string, target?: string): string {
  const failed = c.failed ? `  (${c.failed} failed requests)` : '';
  return (
    line(c.a.name, c.a.connections, c.aP50, c.aRps) +
    line(c.b.name, c.b.connections, c.bP50, c.bRps) +
    `  → ${label}: p50 ${c.p50Ratio.toFixed(2)}x, throughput ${c.rpsRatio.toFixed(2)}x (medians of ${c.rounds} interleaved rounds)${target ? `; target ${target}` : ''}${failed}\n\n`
  );
}
