import { serveSubgraph, type ServedSubgraph } from '../src/subgraphs/http';
import { startTestHub, type TestHub } from './support/hub';

interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function post(url: string, body: string | object, headers: Record<string, string>): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

/** What a refusal must never carry: an address, the engine's or a library's words, a stack. */
const LEAKS = /https?:\/\/|127\.0\.0\.1|localhost|apollo|armor|body-parser|express|Maximum call stack|stacktrace|\bat \w+ \(/i;

const refusal = (a: Answer) => ({ status: a.status, codes: a.body.errors?.map((e) => e.extensions?.code), data: a.body.data });

describe('client mistakes are 4xx with a specific code, never 500', () => {
  let hub: TestHub;
  let auth: Record<string, string>;
  beforeAll(async () => {
    hub = await startTestHub();
    auth = { authorization: await hub.token('admin') };
  });
  afterAll(() => hub?.stop());

  const deepJson = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
  const UNITS = '{ units(first: 1) { totalCount } }';
  const cases: [string, () => string | object, Record<string, string>, number, string][] = [
    ['a variable of the wrong type', () => ({ query: 'query($n: Int) { units(first: $n) { totalCount } }', variables: { n: 'abc' } }), {}, 400, 'BAD_USER_INPUT'],
    ['a required variable left out', () => ({ query: 'query($c: String!) { unitByCreditCode(creditCode: $c) { name } }' }), {}, 400, 'BAD_USER_INPUT'],
    ['an unknown operationName', () => ({ query: `query A ${UNITS}`, operationName: 'B' }), {}, 400, 'OPERATION_RESOLUTION_FAILURE'],
    ['an empty operationName', () => ({ query: `query A ${UNITS}`, operationName: '' }), {}, 400, 'OPERATION_RESOLUTION_FAILURE'],
    ['an empty operationName with two operations', () => ({ query: `query A ${UNITS} query C ${UNITS}`, operationName: '' }), {}, 400, 'OPERATION_RESOLUTION_FAILURE'],
    ['two operations and no operationName', () => ({ query: `query A ${UNITS} query C ${UNITS}` }), {}, 400, 'OPERATION_RESOLUTION_FAILURE'],
    ['a subscription (the hub has none)', () => ({ query: 'subscription { units { totalCount } }' }), {}, 400, 'GRAPHQL_VALIDATION_FAILED'],
    ['more tokens than MAX_TOKENS', () => ({ query: `{ units(first: 1) { ${'totalCount '.repeat(6000)} } }` }), {}, 400, 'GRAPHQL_PARSE_FAILED'],
    ['an unparseable query', () => ({ query: '{ units(first: 1) { totalCount }' }), {}, 400, 'GRAPHQL_PARSE_FAILED'],
    ['brackets nested thousands deep', () => ({ query: `{ units(first: 1, kind: ${'['.repeat(2400)}TOWNSHIP${']'.repeat(2400)}) { totalCount } }` }), {}, 400, 'GRAPHQL_PARSE_FAILED'],
    ['a query the schema does not have', () => ({ query: '{ units(first: 1) { nope } }' }), {}, 400, 'GRAPHQL_VALIDATION_FAILED'],
    [
      'a query over the cost limit',
      () => ({ query: 'query($n: Int) { units(first: $n) { nodes { cadres(first: $n) { nodes { petitions(first: $n) { totalCount } } } } } }', variables: { n: 100 } }),
      {},
      400,
      'BAD_USER_INPUT',
    ],
    ['JSON variables nested 10,000 deep', () => `{"query":"${UNITS}","variables":{"v":${deepJson(10_000)}}}`, {}, 400, 'BAD_REQUEST'],
    ['a charset other than UTF-8', () => ({ query: UNITS }), { 'content-type': 'application/json; charset=latin1' }, 415, 'BAD_REQUEST'],
    ['a body that is not JSON', () => '{"query": ', {}, 400, 'BAD_REQUEST'],
  ];

  it.each(cases)('%s', async (_what, body, headers, status, code) => {
    const res = await post(hub.url, body(), { ...auth, ...headers });
    expect(refusal(res)).toEqual({ status, codes: [code], data: undefined });
    expect(JSON.stringify(res.body.errors)).not.toMatch(LEAKS);
  });

  it('still answers what it should: a deep but reasonable variable and a cheap query', async () => {
    const ok = await post(hub.url, `{"query":"query($c: String!) { unitByCreditCode(creditCode: $c) { name } }","variables":{"c":"x","unused":${deepJson(20)}}}`, auth);
    expect(ok.status).toBe(200);
    expect(ok.body.data).toEqual({ unitByCreditCode: null });
  });
});

describe('NUL inside the query text or variables is refused before it reaches PostgreSQL', () => {
  let hub: TestHub;
  let auth: Record<string, string>;
  let served: ServedSubgraph;
  beforeAll(async () => {
    hub = await startTestHub();
    auth = { authorization: await hub.token('admin') };
    served = await serveSubgraph(hub.subgraphs.get('organization')!, 0);
  });
  afterAll(async () => {
    await served?.close(0);
    await hub?.stop();
  });

  const NUL_LITERAL = '"a\\u0000b"'; // in the GraphQL document: an escaped NUL inside a string literal
  const queries = [
    `{ unitByCreditCode(creditCode: ${NUL_LITERAL}) { name } }`,
    `query($c: String! = ${NUL_LITERAL}) { unitByCreditCode(creditCode: $c) { name } }`,
    `{ units(first: 1) { nodes { name } } a: unitByCreditCode(creditCode: ${NUL_LITERAL}) { name } }`,
  ];

  it('through the gateway: in any string literal, in POST variables and in GET variables: 400 BAD_USER_INPUT', async () => {
    for (const query of queries) {
      const res = await post(hub.url, { query }, auth);
      expect({ query, ...refusal(res) }).toEqual({ query, status: 400, codes: ['BAD_USER_INPUT'], data: undefined });
      expect(res.body.errors![0].message).toMatch(/NUL/);
    }
    const q = 'query($c: String!) { unitByCreditCode(creditCode: $c) { name } }';
    expect(refusal(await post(hub.url, { query: q, variables: { c: 'a\u0000b' } }, auth))).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], data: undefined });
    const get = await fetch(`${hub.url}?query=${encodeURIComponent(q)}&variables=${encodeURIComponent(JSON.stringify({ c: 'a\u0000b' }))}`, {
      headers: { ...auth, 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(400);
    expect(((await get.json()) as Answer['body']).errors!.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('in a mutation input literal: refused and nothing written', async () => {
    const changes = async () => (await hub.sources.get('access')!.query('SELECT count(*)::int AS n FROM access.grant_change'))[0].n as number;
    const [{ id: petitionBureau }] = await hub.sources.get('access')!.query(`SELECT id FROM access.agency WHERE code = 'xfj'`);
    const grant = (purpose: string) => ({
      query: `mutation { createGrant(input: { typeName: "Petition", subjectKind: AGENCY, subjectValue: "${petitionBureau}", effect: ALLOW, scopeKind: ALL_UNITS, purpose: ${purpose} }) { id } }`,
    });
    const before = await changes();
    const res = await post(hub.url, grant('"巡察准备\\u0000核查"'), auth);
    expect(refusal(res)).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], data: undefined });
    expect(res.body.errors![0].message).toMatch(/NUL/);
    expect(await changes()).toBe(before);
    // Without the NUL the same mutation is carried out: the refusal was about the NUL.
    const ok = await post(hub.url, grant('"巡察准备核查"'), auth);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.createGrant.id).toEqual(expect.any(String));
    expect(await changes()).toBe(before + 1);
  });

  it('a subgraph running as its own service refuses it too (its caller is trusted, its input is not)', async () => {
    const signed = { authorization: await hub.token('admin') };
    for (const query of queries) {
      const res = await post(served.url, { query }, signed);
      expect({ query, ...refusal(res) }).toEqual({ query, status: 400, codes: ['BAD_USER_INPUT'], data: undefined });
    }
    const q = 'query($c: String!) { unitByCreditCode(creditCode: $c) { name } }';
    expect(refusal(await post(served.url, { query: q, variables: { c: 'a\u0000b' } }, signed)).status).toBe(400);
    expect(refusal(await post(served.url, `{"query":"{ __typename }","variables":{"v":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`, signed))).toEqual({ status: 400, codes: ['BAD_REQUEST'], data: undefined });
    // The same query without the NUL is answered, so the refusals above are about the NUL.
    const fine = await post(served.url, { query: '{ unitByCreditCode(creditCode: "ab") { name } }' }, signed);
    expect({ status: fine.status, data: fine.body.data, errors: fine.body.errors }).toEqual({ status: 200, data: { unitByCreditCode: null }, errors: undefined });
  });
});
