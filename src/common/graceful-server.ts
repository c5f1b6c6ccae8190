import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';
import { log } from '../log';

/** How long a stopping server waits for requests in flight: SHUTDOWN_GRACE_MS, default 10 s. */
export function shutdownGraceMs(): number {
  const raw = process.env.SHUTDOWN_GRACE_MS;
  if (raw === undefined || raw === '') return 10_000;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`SHUTDOWN_GRACE_MS must be a non-negative integer, got "${raw}"`);
  return ms;
}

const SHUTTING_DOWN = JSON.stringify({ errors: [{ message: 'The service is shutting down; retry shortly', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });

/**
 * An HTTP server that stops without dropping requests: on stop() it accepts no new
 * connections, lets the requests in flight finish (their responses say
 * `Connection: close`), answers a request that still arrives on an open
 * connection with 503 and `Connection: close`, closes connections as they go
 * idle, and after the grace period closes whatever is left.
 */
export class GracefulServer {
  readonly server: http.Server;
  private readonly inFlight = new Set<http.ServerResponse>();
  private stopping: Promise<void> | undefined;

  constructor(handler: RequestListener) {
    this.server = http.createServer((req, res) => {
      if (this.stopping) {
        res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', connection: 'close', 'retry-after': '1' }).end(SHUTTING_DOWN);
        return;
      }
      this.inFlight.add(res);
      res.once('close', () => {
        this.inFlight.delete(res);
        // A kept-alive connection whose last request just ended is closed at once while stopping.
        if (this.stopping) setImmediate(() => this.server.closeIdleConnections());
      });
      handler(req, res);
    });
  }

  /** Requests being answered now. */
  get active(): number {
    return this.inFlight.size;
  }

  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.address() as AddressInfo).port;
  }

  /** Drains as described above; graceMs 0 closes every connection at once. Idempotent. */
  stop(graceMs: number): Promise<void> {
    return (this.stopping ??= this.drain(graceMs));
  }

  /** Ends the grace period now (a second Ctrl-C): connections still open are closed. */
  hurry(): void {
    this.server.closeAllConnections();
  }

  private async drain(graceMs: number): Promise<void> {
    if (!this.server.listening) return;
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    if (this.inFlight.size) log.info({ requests: this.inFlight.size, graceMs }, 'stopping: waiting for requests in flight');
    const timer = setTimeout(() => {
      if (this.inFlight.size) log.warn({ requests: this.inFlight.size }, 'stopping: grace period over, closing connections with requests in flight');
      this.server.closeAllConnections();
    }, graceMs);
    await closed;
    clearTimeout(timer);
  }
}
