import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { createLocalJWKSet, createRemoteJWKSet, exportJWK, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from 'jose';
import type { HubConfig } from '../config';

/**
 * Keys of caller tokens. Tokens are signed with ES256 by whoever issues them (the
 * hub's sign-in, `npm run token`) and verified with the public key alone — by the
 * hub's gateway, by every subgraph, by any router in front — so nothing that only
 * reads data holds a secret that could mint a token (issue 10).
 *
 * Signing key: `JWT_SIGNING_KEY` (PKCS#8 PEM; generated into the dev secrets file
 * outside production). Verification keys: `HUB_JWKS` (a JSON Web Key Set), else
 * `HUB_JWKS_URL` (the issuer's `/.well-known/jwks.json`), else the public half of
 * the signing key.
 */
export const TOKEN_ALG = 'ES256';

interface SigningKey {
  privateKey: KeyObject;
  kid: string;
  publicJwk: JWK;
}

const signing = new Map<string, SigningKey>();

/** The key tokens are signed with (only where tokens are issued: the gateway, the token CLI). */
export async function signingKey(config: HubConfig): Promise<SigningKey> {
  const pem = config.jwtSigningKey;
  if (!pem) throw new Error('JWT_SIGNING_KEY must be set where caller tokens are issued (the gateway, npm run token)');
  let key = signing.get(pem);
  if (!key) {
    const privateKey = createPrivateKey(pem);
    const publicJwk = await exportJWK(createPublicKey(privateKey));
    // The key id is a digest of the public key: stable, and tells a verifier which key signed.
    const kid = createHash('sha256').update(JSON.stringify([publicJwk.crv, publicJwk.x, publicJwk.y])).digest('base64url').slice(0, 16);
    key = { privateKey, kid, publicJwk: { ...publicJwk, kid, alg: TOKEN_ALG, use: 'sig' } };
    signing.set(pem, key);
  }
  return key;
}

/** The public keys, as published at `/.well-known/jwks.json`. */
export async function publicJwks(config: HubConfig): Promise<JSONWebKeySet> {
  if (config.jwks) return parseJwks(config.jwks);
  return { keys: [(await signingKey(config)).publicJwk] };
}

function parseJwks(raw: string): JSONWebKeySet {
  const parsed = JSON.parse(raw) as JSONWebKeySet;
  if (!Array.isArray(parsed.keys) || !parsed.keys.length) throw new Error('HUB_JWKS must be a JSON Web Key Set with at least one key');
  // Only public keys: a private part in a key set handed to verifiers is a configuration mistake.
  return { keys: parsed.keys.map(({ d: _d, ...pub }) => pub) };
}

const verifiers = new Map<string, JWTVerifyGetKey>();

/** What verifies a caller token's signature here. */
export async function verificationKeys(config: HubConfig): Promise<JWTVerifyGetKey> {
  const id = config.jwks ?? config.jwksUrl ?? '(signing key)';
  let v = verifiers.get(id);
  if (!v) {
    v = config.jwks ? createLocalJWKSet(parseJwks(config.jwks)) : config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl)) : createLocalJWKSet(await publicJwks(config));
    verifiers.set(id, v);
  }
  return v;
}
