import { serverAudits, type AuditResult } from 'graphql-http';
import { startTestHub, type TestHub } from './support/hub';
import { originOf, signIn } from './support/session';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';
/** What urql and other standard clients send by default: no Apollo header, a GraphQL-over-HTTP Accept. */
const STANDARD_ACCEPT = 'application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed';

interface Answer {
  status: number;
  type: string | null;
  allow: string | null;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
}

async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, init);
  return { status: res.status, type: res.headers.get('content-type'), allow: res.headers.get('allow'), body: (await res.json()) as Answer['body'] };
}
const codesOf = (a: Answer) => a.body.errors?.map((e) => e.extensions?.code);

describe('HTTP per the GraphQL-over-HTTP spec', () => {
  let hub: TestHub;
  let bearer: string;
  let apiKey: string;
  const get = (query: string, headers: Record<string, string>, variables?: object) =>
    send(`${hub.url}?query=${encodeURIComponent(query)}${variables ? `&variables=${encodeURIComponent(JSON.stringify(variables))}` : ''}`, { headers });
  const post = (body: object, headers: Record<string, string>) => send(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    hub = await startTestHub();
    bearer = await hub.token('xcb-office');
    const [{ id }] = await hub.superuser(`SELECT id FROM access.principal WHERE login = 'zzb-system'`);
    const key = await post({ query: 'mutation($id: UUID!) { resetApiKey(id: $id) { apiKey } }', variables: { id } }, { authorization: await hub.token('admin') });
    apiKey = `ApiKey ${key.body.data.resetApiKey.apiKey}`;
  });
  afterAll(() => hub?.stop());

  it("passes graphql-http's server audit with no error and no warning (authenticated by Bearer)", async () => {
    const fetchFn = (input: RequestInfo | URL, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', bearer);
      return fetch(input, { ...init, headers });
    };
    const results: AuditResult[] = [];
    for (const audit of serverAudits({ url: hub.url, fetchFn })) results.push(await audit.fn());
    const failing = (status: string) => results.filter((r) => r.status === status).map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);
    expect(results.length).toBeGreaterThan(30);
    expect(failing('error')).toEqual([]);
    expect(failing('warn')).toEqual([]);
  }, 120_000);

  it('answers request errors 4xx in application/graphql-response+json: parse, depth, aliases, cost', async () => {
    let deep = 'name';
    for (let i = 0; i < 14; i++) deep = `name parent { ${deep} }`;
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: me { login }`).join(' ');
    const costly = 'query($n: Int) { units(first: $n) { nodes { cadres(first: $n) { nodes { petitions(first: $n) { totalCount } } } } } }';
    const cases: [string, object, string][] = [
      ['unparseable', { query: '{ units(first: 1) { totalCount }' }, 'GRAPHQL_PARSE_FAILED'],
      ['too deep', { query: `{ region(code: "990102001001") { ${deep} } }` }, 'GRAPHQL_VALIDATION_FAILED'],
      ['too many aliases', { query: `{ ${aliases} }` }, 'GRAPHQL_VALIDATION_FAILED'],
      ['over the cost limit', { query: costly, variables: { n: 100 } }, 'BAD_USER_INPUT'],
    ];
    for (const [what, body, code] of cases) {
      for (const [method, answer] of [
        ['POST', await post(body, { authorization: bearer, accept: GRAPHQL_RESPONSE })],
        ['GET', await get((body as { query: string }).query, { authorization: bearer, accept: GRAPHQL_RESPONSE }, (body as { variables?: object }).variables)],
      ] as const) {
        expect({ what, method, status: answer.status, type: answer.type, codes: codesOf(answer), data: answer.body.data }).toEqual({
          what,
          method,
          status: 400,
          type: expect.stringContaining(GRAPHQL_RESPONSE),
          codes: [code],
          data: undefined,
        });
      }
    }
    // Without a preference (curl, fetch: */*) the answer is JSON, still 400.
    const plain = await post({ query: '{ units(' }, { authorization: bearer });
    expect([plain.status, plain.type, codesOf(plain)]).toEqual([400, expect.stringContaining('application/json'), ['GRAPHQL_PARSE_FAILED']]);
    // A legacy client accepting application/json alone reads errors only on 200, as the spec says to answer it.
    const legacy = await post({ query: '{ units(' }, { authorization: bearer, accept: 'application/json' });
    expect([legacy.status, legacy.type, codesOf(legacy)]).toEqual([200, expect.stringContaining('application/json'), ['GRAPHQL_PARSE_FAILED']]);
    // An error the hub answers before GraphQL (a body that is not JSON) follows the Accept header too.
    const broken = await send(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: bearer, accept: GRAPHQL_RESPONSE }, body: '{"query": ' });
    expect([broken.status, broken.type, codesOf(broken)]).toEqual([400, expect.stringContaining(GRAPHQL_RESPONSE), ['BAD_REQUEST']]);
  });

  it('answers queries by GET to standard clients carrying Authorization, without any Apollo header', async () => {
    const query = 'query($n: Int) { units(first: $n) { totalCount nodes { name } } }';
    for (const authorization of [bearer, apiKey]) {
      const res = await get(query, { authorization, accept: STANDARD_ACCEPT }, { n: 2 });
      expect({ scheme: authorization.split(' ')[0], status: res.status, type: res.type, errors: res.body.errors }).toEqual({
        scheme: authorization.split(' ')[0],
        status: 200,
        type: expect.stringContaining(GRAPHQL_RESPONSE),
        errors: undefined,
      });
      expect(res.body.data.units.nodes).toHaveLength(2);
    }
  });

  it('never runs a mutation by GET (405, Allow: POST) and nothing is written', async () => {
    const changes = async () => (await hub.superuser('SELECT count(*)::int AS n FROM access.grant_change'))[0].n as number;
    const [{ id: agency }] = await hub.superuser(`SELECT id FROM access.agency WHERE code = 'xfj'`);
    const mutation = `mutation { createGrant(input: { typeName: "Petition", subjectKind: AGENCY, subjectValue: "${agency}", effect: ALLOW, scopeKind: ALL_UNITS, purpose: "经 GET 尝试" }) { id } }`;
    const before = await changes();
    const res = await get(mutation, { authorization: await hub.token('admin'), accept: STANDARD_ACCEPT });
    expect([res.status, res.allow, res.body.data]).toEqual([405, 'POST', undefined]);
    expect(await changes()).toBe(before);
    // The same mutation by POST is carried out: the refusal was about the method.
    const ok = await post({ query: mutation }, { authorization: await hub.token('admin') });
    expect(ok.body.errors).toBeUndefined();
    expect(await changes()).toBe(before + 1);
  });

  it('answers an unauthenticated GET 401 UNAUTHENTICATED, as a POST', async () => {
    for (const res of [await get('{ units(first: 1) { totalCount } }', { accept: STANDARD_ACCEPT }), await post({ query: '{ units(first: 1) { totalCount } }' }, {})]) {
      expect([res.status, codesOf(res), res.body.data]).toEqual([401, ['UNAUTHENTICATED'], undefined]);
    }
  });

  it('keeps CSRF protection for cookie sessions: without the session’s token or from another site, refused by GET and POST', async () => {
    const s = (await signIn(hub.url, 'xcb-office')).session!;
    const origin = originOf(hub.url);
    const query = '{ me { login } }';
    const refused = [
      await get(query, { cookie: s.cookie }),
      await get(query, { cookie: s.cookie, 'apollo-require-preflight': 'true' }),
      await get(query, { cookie: s.cookie, 'x-csrf-token': s.csrf, 'sec-fetch-site': 'cross-site' }),
      await post({ query }, { cookie: s.cookie, origin }),
      await post({ query }, { cookie: s.cookie, origin: 'http://evil.example', 'x-csrf-token': s.csrf }),
    ];
    for (const res of refused) expect([res.status, codesOf(res), res.body.data]).toEqual([403, ['FORBIDDEN'], undefined]);
    // The console's own requests (same origin, with the token) are answered, by GET too.
    const own = await get(query, { cookie: s.cookie, 'x-csrf-token': s.csrf, 'sec-fetch-site': 'same-origin' });
    expect([own.status, own.body.data]).toEqual([200, { me: { login: 'xcb-office' } }]);
  });
});
