/**
 * The bench's load client, forked by bench-load.ts so that the requests are made in a
 * process of their own, never in the one serving them. It runs autocannon on each job
 * it is sent and answers with throughput and latency percentiles.
 */
// autocannon ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => AutocannonInstance;

interface AutocannonInstance extends Promise<AutocannonResult> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
interface AutocannonResult {
  requests: { total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface LoadJob {
  url: string;
  headers: Record<string, string>;
  /** Request bodies, sent in turn (different variables per request). */
  bodies: string[];
  connections: number;
  /** Seconds of load; or, for slow requests, a number of requests (a window would end with answers in flight). */
  seconds: number;
  amount?: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  failed: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

async function run(job: LoadJob): Promise<LoadResult> {
  let next = 0;
  // Timed here: autocannon's own duration is coarse for short runs of a few slow requests.
  const started = performance.now();
  const instance = autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    ...(job.amount ? { amount: job.amount } : {}),
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...job.headers },
        setupRequest: (req: Record<string, unknown>) => ({ ...req, body: job.bodies[next++ % job.bodies.length] }),
      },
    ],
  });
  // autocannon's own histogram counts whole milliseconds; the response event has the exact time.
  const latencies: number[] = [];
  // Up to the last answer: autocannon ends a run only at a one-second tick, whatever its duration or count.
  let last = started;
  instance.on('response', (_client, _status, _bytes, ms) => {
    latencies.push(ms);
    last = performance.now();
  });
  const result = await instance;
  const seconds = (last - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    rps: result.requests.total / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

process.on('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send!({ result }),
    (err) => process.send!({ error: String(err?.stack ?? err) }),
  );
});
process.on('disconnect', () => process.exit(0));
