import { SignJWT } from 'jose';
import { AgencyKind, Role } from '../src/common/agency';
import { startHub, type Hub } from '../src/hub';
import { serveSubgraph, type ServedSubgraph } from '../src/subgraphs/http';
import { codes, gql, startTestHub, type TestHub } from './support/hub';
import { badTokens, peerHeaders } from './support/tokens';

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
}

/**
 * Issue 10: a subgraph trusts no router and no gateway. Straight at a subgraph service,
 * a request without the caller's own valid credential gets nothing — `_service` and
 * `_entities` included — and a header claiming an identity or grants (the old gateway
 * identity, a forged or replayed one) gives nothing either.
 */
describe('subgraphs authenticate every caller themselves', () => {
  let hub: TestHub;
  let served: ServedSubgraph[];
  let unitId: string;
  beforeAll(async () => {
    hub = await startTestHub();
    served = await Promise.all(['organization', 'petition'].map((n) => serveSubgraph(hub.subgraphs.get(n)!, 0)));
    [{ id: unitId }] = await hub.sources.get('organization')!.query('SELECT id FROM organization.inspected_unit LIMIT 1');
  });
  afterAll(async () => {
    for (const s of served ?? []) await s.close();
    await hub?.stop();
  });

  const attempts = () => [
    { query: '{ _service { sdl } }' },
    { query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on InspectedUnit { id name creditCode } } }', variables: { r: [{ __typename: 'InspectedUnit', id: unitId }] } },
    { query: '{ units(first: 5) { nodes { name } } }' },
  ];

  it('answers nothing without a credential, including _service and _entities', async () => {
    for (const body of attempts()) {
      const res = await post(served[0].url, body);
      expect(res.status).toBe(401);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors!.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    }
    const petition = await post(served[1].url, { query: '{ _service { sdl } }' });
    expect(petition.status).toBe(401);
    expect(petition.body.data).toBeUndefined();
  });

  it('answers nothing to a forged, expired, algorithm-confused or unknown-principal token', async () => {
    const bad = await badTokens(hub.config, await hub.principalId('admin'));
    for (const [kind, token] of Object.entries(bad)) {
      for (const body of attempts()) {
        const res = await post(served[0].url, body, { authorization: `Bearer ${token}` });
        expect({ kind, status: res.status, data: res.body.data }).toEqual({ kind, status: 401, data: undefined });
      }
    }
  });

  it('ignores a header that claims an identity and grants: it is the credential that counts', async () => {
    // The identity header the hub's gateway used to sign, forged with a guessed secret and with the real one alike.
    const claim = { principalId: await hub.principalId('admin'), agencyKind: AgencyKind.PETITION_BUREAU, roles: [Role.ADMIN], grants: [{ typeName: 'Petition', fields: [], effect: 'ALLOW', units: null }] };
    for (const secret of ['guessed-secret', hub.config.internalSecret]) {
      const header = await new SignJWT(claim).setProtectedHeader({ alg: 'HS256' }).setIssuer('xuncha-hub-gateway').setAudience('xuncha-hub-subgraph').setExpirationTime('1m').sign(new TextEncoder().encode(secret));
      const res = await post(served[1].url, { query: '{ petitions(first: 5) { nodes { reporterName } } }' }, { 'x-hub-identity': header });
      expect({ status: res.status, data: res.body.data }).toEqual({ status: 401, data: undefined });
    }
    // With a real token of a caller who may read no reporter names, the claimed grants change nothing.
    const res = await post(served[1].url, { query: '{ petitions(first: 5) { nodes { reporterName } } }' }, { authorization: await hub.token('gaj-officer'), 'x-hub-identity': 'whatever' });
    expect(JSON.stringify(res.body)).not.toMatch(/"reporterName":"[^"]/);
  });

  it('a service assertion lifted onto another credential, or meant for another service, is refused', async () => {
    const unknown = { query: 'query($u: [String!]!, $c: [UUID!]!) { unknownReferences(unitCreditCodes: $u, cadreIds: $c) { cadreIds } }', variables: { u: [], c: [] } };
    const system = await hub.token('xfj-system');
    const good = await peerHeaders(hub.config, 'petition', 'organization', system);
    expect((await post(served[0].url, unknown, good)).body.data).toEqual({ unknownReferences: { cadreIds: [] } });
    // The same assertion with another caller's token: bound to the credential it came with.
    const lifted = await post(served[0].url, unknown, { ...good, authorization: await hub.token('gaj-officer') });
    expect(lifted.status).toBe(401);
    // An assertion for the petition service is no good at organization.
    const elsewhere = await peerHeaders(hub.config, 'inspection', 'petition', system);
    expect((await post(served[0].url, unknown, elsewhere)).status).toBe(401);
  });

  it('answers a valid credential (so the refusals above are about the credential)', async () => {
    const res = await post(served[0].url, attempts()[1], { authorization: await hub.token('admin') });
    expect(res.status).toBe(200);
    expect(res.body.data._entities[0].id).toBe(unitId);
  });

  it('serves the same data when the gateway reaches a subgraph over HTTP (SUBGRAPH_<NAME>_URL)', async () => {
    let remoteHub: Hub | undefined;
    try {
      remoteHub = await startHub({ port: 0, databaseUrl: hub.db.url, seed: false, remoteSubgraphs: { organization: served[0].url, petition: served[1].url } });
      expect(remoteHub.subgraphs.has('organization')).toBe(false);
      const token = await hub.token('xcb-office');
      const q = '{ units(first: 3, kind: TOWNSHIP) { nodes { creditCode name leadershipTeam { name } } } }';
      const viaHttp = await gql(remoteHub.url, token, q);
      const inProcess = await gql(hub.url, token, q);
      expect(viaHttp.errors).toBeUndefined();
      expect(viaHttp.data).toEqual(inProcess.data);
      expect(codes(await gql(remoteHub.url, undefined, q))).toEqual(['UNAUTHENTICATED']);
    } finally {
      await remoteHub?.stop();
    }
  });
});
