import { SignJWT, jwtVerify } from 'jose';
import type { HubConfig } from '../config';

const key = (secret: string) => new TextEncoder().encode(secret);

/** Mints a caller token (development, tests, the start-up banner). Production tokens come from the agencies' identity provider. */
export async function mintToken(config: HubConfig, principalId: string, ttl = '12h'): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principalId)
    .setIssuer(config.jwtIssuer)
    .setAudience(config.jwtAudience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key(config.jwtSecret));
}

/** Returns the principal id the token was issued to, or throws. */
export async function verifyCallerToken(config: HubConfig, token: string): Promise<string> {
  const { payload } = await jwtVerify(token, key(config.jwtSecret), {
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    algorithms: ['HS256'],
  });
  if (!payload.sub) throw new Error('token has no subject');
  return payload.sub;
}
