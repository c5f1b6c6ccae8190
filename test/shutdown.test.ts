import http from 'node:http';
import net from 'node:net';
import { serveSubgraph } from '../src/subgraphs/http';
import { startTestHub, type TestHub } from './support/hub';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: { data?: any; errors?: { extensions?: { code?: string } }[] };
}

/**
 * A POST on its own connection whose body goes out in two parts: once the first
 * has arrived the request is in flight on the server, and it stays so until
 * sendRest() — a slow client, deterministically.
 */
function slowPost(url: string, headers: Record<string, string>, query: string) {
  const body = JSON.stringify({ query });
  const { hostname, port, pathname } = new URL(url);
  const req = http.request({ host: hostname, port, path: pathname, method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } });
  const response = new Promise<Reply>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) }));
    });
    req.on('error', reject);
  });
  req.write(body.slice(0, 10));
  return { sendRest: () => req.end(body.slice(10)), response };
}

async function until(what: string, condition: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A raw connection that has begun a request (request line and a header) but not finished it. */
async function halfSentRequest(url: string, authorization: string) {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString()));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(`POST /graphql HTTP/1.1\r\nHost: ${hostname}\r\n`);
  const body = JSON.stringify({ query: '{ me { login } }' });
  return {
    finish: () => socket.write(`authorization: ${authorization}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`),
    answer: async () => {
      await closed;
      return received;
    },
  };
}

describe('graceful shutdown: requests in flight finish, new ones are refused', () => {
  let hub: TestHub;
  let token: string;
  beforeAll(async () => {
    hub = await startTestHub({ shutdownGraceMs: 10_000 });
    token = await hub.token('xcb-office');
  });
  afterAll(() => hub?.stop());

  it('a subgraph service lets its request in flight finish, and cuts one still unfinished when the grace period ends', async () => {
    const served = await serveSubgraph(hub.subgraphs.get('organization')!, 0);
    const signed = { authorization: await hub.token('admin') };
    const finishing = slowPost(served.url, signed, '{ units(first: 3) { totalCount } }');
    const stuck = slowPost(served.url, signed, '{ units(first: 3) { totalCount } }');
    stuck.response.catch(() => undefined);
    await until('two requests in flight', () => served.http.active === 2);
    const started = Date.now();
    const closing = served.close(500);
    finishing.sendRest();
    const done = await finishing.response;
    expect(done.status).toBe(200);
    expect(done.body.data.units.totalCount).toBeGreaterThan(200);
    expect(done.headers.connection).toBe('close');
    await closing;
    // The stuck client never finished its body: it was cut when the grace period ended, not before, and not never.
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(stuck.response).rejects.toThrow();
  });

  it('20 requests in flight when the hub stops all complete with 200; a new connection is refused; a request arriving on an open one gets 503 and Connection: close', async () => {
    const query = '{ units(first: 20) { nodes { name leadershipTeam { name } petitions(first: 5) { totalCount } } } }';
    const requests = Array.from({ length: 20 }, () => slowPost(hub.url, { authorization: token }, query));
    const late = await halfSentRequest(hub.url, token);
    await until('20 requests in flight', () => hub.http.active === 20);

    const stopping = hub.stop();
    await expect(fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: '{"query":"{ me { login } }"}' })).rejects.toThrow();
    late.finish();
    for (const r of requests) r.sendRest();

    const replies = await Promise.all(requests.map((r) => r.response));
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
    for (const r of replies) {
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.units.nodes).toHaveLength(20);
      expect(r.headers.connection).toBe('close');
    }
    const answer = await late.answer();
    expect(answer).toMatch(/^HTTP\/1\.1 503 /);
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
    expect(answer).toContain('"SERVICE_UNAVAILABLE"');
    await stopping;
  });
});
