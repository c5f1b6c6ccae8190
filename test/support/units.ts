import { gql, type TestHub } from './hub';

/**
 * Publishes bare units (no cadres, no records) through the organisation department, as
 * other agencies' publications about a unit need it to exist first.
 */
export async function publishBareUnits(hub: TestHub, creditCodes: string[], regionCode: string): Promise<void> {
  const res = await gql(hub.url, await hub.token('zzb-system'), `mutation($r: [UnitInput!]!) { publishUnits(records: $r) { received } }`, {
    r: creditCodes.map((code) => ({ externalId: `BARE-${code}`, creditCode: code, name: `测试单位${code.slice(-6)}`, kind: 'PUBLIC_INSTITUTION', regionCode })),
  });
  if (res.errors) throw new Error(`publishUnits failed: ${JSON.stringify(res.errors)}`);
}
