import { codes, gql, startTestHub, type TestHub } from './support/hub';
import { badTokens } from './support/tokens';
import { mintToken } from '../src/gateway/tokens';

describe('gateway: authentication, limits and operations', () => {
  let hub: TestHub;
  let office: string;
  beforeAll(async () => {
    hub = await startTestHub();
    office = await hub.token('xcb-office');
  });
  afterAll(() => hub?.stop());

  it('checks kept per query text still refuse every request of a refused query, and only it', async () => {
    // Literal page sizes: the cost has no variable to vary, so it is counted once per query text.
    const tooCostly = '{ units(first: 100) { nodes { cadres(first: 100) { nodes { careerHistory { post } petitions(first: 100) { totalCount } } } } } }';
    const nul = '{ inspectionStatistics(regionCode: "99\\u00000103") { clues } }';
    const badId = '{ round(id: "1") { name } }';
    for (let i = 0; i < 3; i++) {
      for (const [query, message] of [[tooCostly, /cost/], [nul, /NUL/], [badId, /Argument "id" of "round"/]] as const) {
        const res = await gql(hub.url, office, query);
        expect({ i, query, status: res.status, codes: codes(res), data: res.data }).toEqual({ i, query, status: 400, codes: ['BAD_USER_INPUT'], data: undefined });
        expect(res.errors![0].message).toMatch(message);
      }
      // The same variables-free text with a smaller page passes: results are per text, not per operation shape.
      const cheap = await gql(hub.url, office, '{ units(first: 2) { nodes { cadres(first: 2) { nodes { careerHistory { post } } } } } }');
      expect(cheap.errors).toBeUndefined();
    }
  });

  it('answers 401 at the edge to a token that expired after it had passed (the remembered check is not a pass)', async () => {
    const brief = `Bearer ${await mintToken(hub.config, await hub.principalId('xcb-office'), '2s')}`;
    const q = '{ __typename }';
    // Twice: the second is answered from the remembered check, without waiting for anything.
    for (let i = 0; i < 2; i++) expect((await gql(hub.url, brief, q)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2500));
    const late = await gql(hub.url, brief, q);
    expect({ status: late.status, codes: codes(late), data: late.data }).toEqual({ status: 401, codes: ['UNAUTHENTICATED'], data: undefined });
  });

  it('refuses calls without credentials, with a bad token, an expired one or one for an unknown principal', async () => {
    const q = '{ units(first: 1) { totalCount } }';
    const bad = await badTokens(hub.config, await hub.principalId('xcb-office'));
    for (const auth of [undefined, 'Bearer nonsense', ...Object.values(bad).map((t) => `Bearer ${t}`), 'Basic abc', 'ApiKey not-a-key']) {
      const res = await gql(hub.url, auth, q);
      // A token the hub signed for a principal that is gone passes the gateway's signature check; the subgraph refuses it.
      const values = Object.values(res.data ?? {});
      expect({ auth, status: res.status, codes: codes(res), values }).toEqual({ auth, status: 401, codes: ['UNAUTHENTICATED'], values: values.map(() => null) });
    }
    const ok = await gql(hub.url, office, q);
    expect(ok.status).toBe(200);
    expect(ok.data.units.totalCount).toBeGreaterThan(200);
  });

  it('refuses a deactivated principal at once, even with an unexpired token', async () => {
    const token = await hub.token('xcb-member');
    await hub.sources.get('access')!.query(`UPDATE access.principal SET active = false WHERE login = 'xcb-member'`);
    try {
      const res = await gql(hub.url, token, '{ me { login } }');
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    } finally {
      await hub.sources.get('access')!.query(`UPDATE access.principal SET active = true WHERE login = 'xcb-member'`);
    }
  });

  it('limits depth, aliases and body size, with coded errors', async () => {
    let deep = 'name';
    for (let i = 0; i < 14; i++) deep = `name parent { ${deep} }`;
    const tooDeep = await gql(hub.url, office, `{ region(code: "990102001001") { ${deep} } }`);
    expect(tooDeep.data).toBeUndefined();
    expect(tooDeep.errors![0].message).toMatch(/depth/i);

    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: me { login }`).join(' ');
    const tooMany = await gql(hub.url, office, `{ ${aliases} }`);
    expect(tooMany.data).toBeUndefined();
    expect(tooMany.errors![0].message).toMatch(/alias/i);

    // Cost counts page sizes sent as variables as well as literals.
    const costly = 'query($n: Int) { units(first: $n) { nodes { cadres(first: $n) { nodes { careerHistory { post } petitions(first: $n) { totalCount } } } } } }';
    const tooCostly = await gql(hub.url, office, costly, { n: 100 });
    expect(tooCostly.data).toBeUndefined();
    expect(codes(tooCostly)).toEqual(['BAD_USER_INPUT']);
    expect(tooCostly.errors![0].message).toMatch(/cost/);
    const cheap = await gql(hub.url, await hub.token('xfj-officer'), costly, { n: 5 });
    expect(cheap.errors).toBeUndefined();
    expect(cheap.data.units.nodes).toHaveLength(5);

    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: office },
      body: JSON.stringify({ query: '{ me { login } }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('caps page sizes with BAD_USER_INPUT and pages with cursors', async () => {
    const tooBig = await gql(hub.url, office, '{ units(first: 101) { totalCount } }');
    expect(codes(tooBig)).toEqual(['BAD_USER_INPUT']);
    const p1 = await gql(hub.url, office, '{ units(first: 2, kind: TOWNSHIP) { totalCount pageInfo { hasNextPage endCursor } nodes { creditCode } } }');
    const p2 = await gql(hub.url, office, 'query($after: String) { units(first: 2, kind: TOWNSHIP, after: $after) { totalCount nodes { creditCode } } }', {
      after: p1.data.units.pageInfo.endCursor,
    });
    expect(p1.data.units.totalCount).toBe(90);
    expect(p2.data.units.totalCount).toBe(90);
    expect(p1.data.units.pageInfo.hasNextPage).toBe(true);
    const seen = [...p1.data.units.nodes, ...p2.data.units.nodes].map((n: { creditCode: string }) => n.creditCode);
    expect(new Set(seen).size).toBe(4);
    const bad = await gql(hub.url, office, '{ units(first: 2, after: "garbage") { totalCount } }');
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    // An edited cursor (valid shape, values the hub never issued) is refused too, not passed to SQL.
    const [payload] = p1.data.units.pageInfo.endCursor.split('.');
    const forged = Buffer.from(JSON.stringify(['garbage', 'not-a-uuid'])).toString('base64url');
    for (const after of [`${forged}.${p1.data.units.pageInfo.endCursor.split('.')[1]}`, payload]) {
      const res = await gql(hub.url, office, 'query($after: String) { units(first: 2, after: $after) { totalCount } }', { after });
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('filters units by region subtree and kind, and finds one by credit code', async () => {
    const district = await gql(hub.url, office, '{ units(first: 100, regionCode: "990102", kind: TOWNSHIP) { totalCount nodes { creditCode region { parent { code } } } } }');
    expect(district.data.units.totalCount).toBe(15);
    for (const n of district.data.units.nodes) expect(n.region.parent.code).toBe('990102');
    const code = district.data.units.nodes[0].creditCode;
    const one = await gql(hub.url, office, 'query($c: String!) { unitByCreditCode(creditCode: $c) { creditCode kind } }', { c: code });
    expect(one.data.unitByCreditCode).toEqual({ creditCode: code, kind: 'TOWNSHIP' });
  });

  it('refuses out-of-range dates and NUL characters as input errors, before they reach SQL', async () => {
    const early = await gql(hub.url, office, '{ units(first: 1) { nodes { petitions(from: "0000-01-01") { totalCount } } } }');
    expect(codes(early)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const nul = await gql(hub.url, office, 'query($c: String!) { unitByCreditCode(creditCode: $c) { name } }', { c: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect(codes(nul)).toEqual(['BAD_USER_INPUT']);
    // A variable of the wrong type or enum value is the caller's mistake, not an internal error.
    for (const [query, variables] of [
      ['query($k: UnitKind) { units(first: 1, kind: $k) { totalCount } }', { k: 'NO_SUCH_KIND' }],
      ['query($n: Int) { units(first: $n) { totalCount } }', { n: 'ten' }],
    ] as const) {
      const res = await gql(hub.url, office, query, variables);
      expect({ query, codes: codes(res) }).toEqual({ query, codes: ['BAD_USER_INPUT'] });
    }
  });

  it('a refused root field is null on its own: the other root fields of the request still answer', async () => {
    const res = await gql(hub.url, await hub.token('xfj-system'), '{ agencies { name } grants { id } }');
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.data.grants).toBeNull();
    expect(res.data.agencies.length).toBe(13);
  });

  it('hides internals: no stack traces, unknown ids are input errors', async () => {
    const res = await gql(hub.url, office, '{ unit(id: "not-a-uuid") { name } }');
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|at \w+ \(/);
    const denied = await gql(hub.url, office, '{ units(first: 1) { nodes { name leadershipTeam { name residentId } } } }');
    expect(denied.data.units.nodes[0].name).toBeTruthy();
    expect(denied.data.units.nodes[0].leadershipTeam[0]).toEqual({ name: expect.any(String), residentId: null });
    expect(codes(denied)[0]).toBe('FORBIDDEN');
    expect(denied.errors![0].path).toEqual(['units', 'nodes', 0, 'leadershipTeam', 0, 'residentId']);
    expect(JSON.stringify(denied.errors)).not.toMatch(/stacktrace|\.js:\d+/);
  });

  it('serves health, readiness and an offline browser page', async () => {
    expect((await fetch(hub.url.replace('/graphql', '/healthz'))).status).toBe(200);
    const ready = await fetch(hub.url.replace('/graphql', '/readyz'));
    expect(ready.status).toBe(200);
    const up = { organization: 'up', petition: 'up', discipline: 'up', audit: 'up', inspection: 'up', access: 'up' };
    expect(await ready.json()).toEqual({ status: 'ready', database: 'up', services: up });
    const page = await fetch(hub.url, { headers: { accept: 'text/html' } });
    const html = await page.text();
    expect(page.headers.get('content-type')).toMatch(/html/);
    expect(html).toContain('巡察');
    // Nothing may load from outside the intranet: no remote scripts, styles or fonts.
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  });
});

describe('gateway in production mode', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ config: { production: true, nodeEnv: 'production' } });
  });
  afterAll(() => hub?.stop());

  it('turns introspection off', async () => {
    const res = await gql(hub.url, await hub.token('admin'), '{ __schema { types { name } } }');
    expect(res.data).toBeUndefined();
    expect(res.errors![0].message).toMatch(/introspection/i);
  });
});
