import { SignJWT, jwtVerify } from 'jose';
import { TOKEN_ALG, signingKey, verificationKeys } from '../auth/keys';
import type { HubConfig } from '../config';

/**
 * Mints a caller token (sign-in sessions, development, tests, the start-up banner).
 * ES256: whoever verifies it needs only the public key (see auth/keys.ts).
 */
export async function mintToken(config: HubConfig, principalId: string, ttl: string | number = '12h'): Promise<string> {
  const key = await signingKey(config);
  return new SignJWT({})
    .setProtectedHeader({ alg: TOKEN_ALG, kid: key.kid, typ: 'JWT' })
    .setSubject(principalId)
    .setIssuer(config.jwtIssuer)
    .setAudience(config.jwtAudience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key.privateKey);
}

/**
 * Tokens whose signature was checked in the last minute, by exact text: an ES256 check is
 * the largest fixed cost of a request (issue 11), and a client sends the same token many
 * times. Only the signature check is remembered: expiry is checked on every use, and the
 * principal, its grants and recusal are still read fresh by every subgraph, so a
 * deactivation or revocation holds on the next request. The minute bounds how long a
 * token signed by a key withdrawn from the key set keeps passing.
 */
const VERIFIED_FOR_MS = 60_000;
const MAX_VERIFIED = 10_000;
const verifiedBy = new WeakMap<object, Map<string, { sub: string; until: number; exp: number }>>();

/** Returns the principal id the token was issued to, or throws. */
export async function verifyCallerToken(config: HubConfig, token: string): Promise<string> {
  const keys = await verificationKeys(config);
  let verified = verifiedBy.get(keys);
  if (!verified) verifiedBy.set(keys, (verified = new Map()));
  const key = `${config.jwtIssuer}|${config.jwtAudience}|${token}`;
  const now = Date.now();
  const hit = verified.get(key);
  if (hit && now < hit.until && now < hit.exp) return hit.sub;
  const { payload } = await jwtVerify(token, keys, {
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    algorithms: [TOKEN_ALG],
  });
  if (!payload.sub) throw new Error('token has no subject');
  if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value!);
  verified.delete(key);
  verified.set(key, { sub: payload.sub, until: now + VERIFIED_FOR_MS, exp: payload.exp ? payload.exp * 1000 : now + VERIFIED_FOR_MS });
  return payload.sub;
}
