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

/** Returns the principal id the token was issued to, or throws. */
export async function verifyCallerToken(config: HubConfig, token: string): Promise<string> {
  const { payload } = await jwtVerify(token, await verificationKeys(config), {
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    algorithms: [TOKEN_ALG],
  });
  if (!payload.sub) throw new Error('token has no subject');
  return payload.sub;
}
