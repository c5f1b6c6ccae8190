import { createHash } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { unauthenticated } from '../common/errors';

/**
 * One subgraph asking another to act for the caller (inspection asking access to open
 * data requests, discipline to mirror a clue, petition to check references) forwards
 * the caller's own credential — the peer authenticates and authorises the caller itself —
 * and adds this assertion saying which service asks. It unlocks nothing but the
 * hub-internal fields that check `via`; it is bound to the target service and to the
 * credential it travels with, and lives 30 seconds, so it cannot be lifted onto another
 * caller's request. Only the subgraph services hold its key (HUB_INTERNAL_SECRET), never
 * a router.
 */
export const VIA_HEADER = 'x-hub-via';

const ISSUER = 'xuncha-hub-subgraph';
const audienceOf = (service: string) => `xuncha-hub:${service}`;
const bound = (authorization: string) => createHash('sha256').update(authorization).digest('base64url');
const key = (secret: string) => new TextEncoder().encode(secret);

export function signVia(from: string, to: string, authorization: string, secret: string): Promise<string> {
  return new SignJWT({ via: from, ath: bound(authorization) })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(audienceOf(to))
    .setIssuedAt()
    .setExpirationTime('30s')
    .sign(key(secret));
}

/** The service that asks, when the assertion holds for this service and this credential; UNAUTHENTICATED otherwise. */
export async function verifyVia(token: string, service: string, authorization: string, secret: string): Promise<string> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: audienceOf(service), algorithms: ['HS256'] });
    if (typeof payload.via !== 'string' || payload.ath !== bound(authorization)) throw new Error('not for this credential');
    return payload.via;
  } catch {
    throw unauthenticated('Invalid service assertion');
  }
}
