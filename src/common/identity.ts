import { SignJWT, jwtVerify } from 'jose';
import type { ActiveGrant, Recusal } from '../authz/grant-types';
import { AgencyKind, Role } from './agency';
import { unauthenticated } from './errors';

/**
 * Who is calling, as the gateway established it. Subgraphs never see the caller's
 * own token: they receive this, signed by the gateway and valid for a minute, in the
 * `x-hub-identity` header, and refuse any request without a valid one.
 */
export interface Identity {
  principalId: string;
  principalName: string;
  agencyId: string;
  agencyKind: AgencyKind;
  roles: Role[];
  requestId: string;
  /** Grants that apply to this caller now (see authz/grant-types). */
  grants: ActiveGrant[];
  recusal: Recusal;
  /**
   * Set only on calls one subgraph makes to another for a caller (e.g. inspection
   * asking access to open data requests). The gateway never sets it, so fields
   * reserved to the hub itself can check it.
   */
  via?: string;
}

export const IDENTITY_HEADER = 'x-hub-identity';
const AUDIENCE = 'xuncha-hub-subgraph';
const ISSUER = 'xuncha-hub-gateway';

const key = (secret: string) => new TextEncoder().encode(secret);

export async function signIdentity(identity: Identity, secret: string): Promise<string> {
  return new SignJWT({ ...identity })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(key(secret));
}

export async function verifyIdentity(token: string | undefined, secret: string): Promise<Identity> {
  if (!token) throw unauthenticated('This service only answers requests forwarded by the hub gateway');
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    const p = payload as unknown as Identity;
    if (!p.principalId || !p.agencyId || !Array.isArray(p.roles)) throw new Error('incomplete identity');
    return {
      principalId: p.principalId,
      principalName: p.principalName,
      agencyId: p.agencyId,
      agencyKind: p.agencyKind,
      roles: p.roles,
      requestId: p.requestId,
      grants: Array.isArray(p.grants) ? p.grants : [],
      recusal: p.recusal ?? { units: [], regions: [] },
      ...(typeof p.via === 'string' ? { via: p.via } : {}),
    };
  } catch {
    throw unauthenticated('Invalid or expired gateway identity');
  }
}
