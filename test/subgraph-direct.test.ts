import { SignJWT } from 'jose';
import { IDENTITY_HEADER, signIdentity } from '../src/common/identity';
import { AgencyKind, Role } from '../src/common/agency';
import { startHub, type Hub } from '../src/hub';
import { serveSubgraph, type ServedSubgraph } from '../src/subgraphs/http';
import { codes, gql, startTestHub, type TestHub } from './support/hub';

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
}

describe('subgraphs trust only the gateway', () => {
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

  it('answers nothing without a signed identity, including _service and _entities', async () => {
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

  it('answers nothing to an identity signed with another key, expired, or for another audience', async () => {
    const identity = { principalId: await hub.principalId('admin'), principalName: 'x', agencyId: '00000000-0000-4000-8000-000000000000', agencyKind: AgencyKind.INSPECTION_OFFICE, roles: [Role.ADMIN], requestId: 'r1', grants: [], recusal: { units: [], regions: [] } };
    const wrongKey = await signIdentity(identity, 'guessed-secret');
    const key = new TextEncoder().encode(hub.config.internalSecret);
    const expired = await new SignJWT({ ...identity }).setProtectedHeader({ alg: 'HS256' }).setIssuer('xuncha-hub-gateway').setAudience('xuncha-hub-subgraph').setIssuedAt(0).setExpirationTime(60).sign(key);
    // A caller token (signed with the JWT secret, for the gateway's audience) is not an identity either.
    const callerToken = (await hub.token('admin')).replace('Bearer ', '');
    for (const token of [wrongKey, expired, callerToken]) {
      const res = await post(served[0].url, attempts()[1], { [IDENTITY_HEADER]: token });
      expect(res.status).toBe(401);
      expect(res.body.data).toBeUndefined();
    }
  });

  it('answers a correctly signed identity (so the refusals above are about the signature)', async () => {
    const identity = { principalId: await hub.principalId('admin'), principalName: 'x', agencyId: '00000000-0000-4000-8000-000000000000', agencyKind: AgencyKind.INSPECTION_OFFICE, roles: [Role.ADMIN], requestId: 'r1', grants: [], recusal: { units: [], regions: [] } };
    const res = await post(served[0].url, attempts()[1], { [IDENTITY_HEADER]: await signIdentity(identity, hub.config.internalSecret) });
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
