import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { signVia } from '../../src/auth/peer';
import { signingKey } from '../../src/auth/keys';
import type { HubConfig } from '../../src/config';

/** Caller tokens a client could not get from the hub: for tests of what the hub and its subgraphs refuse. */
export async function badTokens(config: HubConfig, principalId: string): Promise<Record<string, string>> {
  const claims = () => new SignJWT({}).setSubject(principalId).setIssuer(config.jwtIssuer).setAudience(config.jwtAudience);
  const real = await signingKey(config);
  const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  return {
    // Right claims, signed with a key of the attacker's own.
    forged: await claims().setProtectedHeader({ alg: 'ES256', kid: real.kid }).setIssuedAt().setExpirationTime('1h').sign(otherKey),
    // Signed by the hub, but long expired.
    expired: await claims().setProtectedHeader({ alg: 'ES256', kid: real.kid }).setIssuedAt(0).setExpirationTime(10).sign(real.privateKey),
    // Algorithm confusion: HMAC "signed" with the public key's bytes, or with a guessed secret.
    hmac: await claims().setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(JSON.stringify(real.publicJwk))),
    // The hub's signature, for a principal that does not exist.
    unknownPrincipal: await new SignJWT({}).setSubject('00000000-0000-4000-8000-000000000000').setIssuer(config.jwtIssuer).setAudience(config.jwtAudience)
      .setProtectedHeader({ alg: 'ES256', kid: real.kid }).setIssuedAt().setExpirationTime('1h').sign(real.privateKey),
  };
}

/** The headers one subgraph sends another for a caller (the credential and the service assertion). */
export async function peerHeaders(config: HubConfig, from: string, to: string, authorization: string): Promise<Record<string, string>> {
  return { authorization, 'x-hub-via': await signVia(from, to, authorization, config.internalSecret) };
}
