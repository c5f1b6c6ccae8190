import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AgencyKind, Role } from '../common/agency';
import { unauthenticated } from '../common/errors';
import type { Identity } from '../common/identity';
import { isUuid } from '../common/loaders';
import type { HubConfig } from '../config';
import { hashApiKey } from '../subgraphs/access/resolver';
import { verifyCallerToken } from './tokens';

interface PrincipalRow {
  id: string;
  name: string;
  agency_id: string;
  kind: AgencyKind;
  roles: Role[];
}

const PRINCIPAL_SQL = `SELECT p.id, p.name, p.agency_id, a.kind, p.roles
  FROM access.principal p JOIN access.agency a ON a.id = p.agency_id WHERE p.active AND `;

/**
 * Resolves the caller from `Authorization: Bearer <jwt>` or `Authorization: ApiKey <key>`.
 * The principal is read fresh on every request, so a deactivated principal is
 * refused at once even while its token is unexpired.
 */
export async function authenticate(authorization: string | undefined, requestId: string | undefined, accessDs: DataSource, config: HubConfig): Promise<Identity> {
  if (!authorization) throw unauthenticated('Send Authorization: Bearer <token> or Authorization: ApiKey <key>');
  const [scheme, credential] = authorization.trim().split(/\s+/, 2);
  let rows: PrincipalRow[];
  if (/^bearer$/i.test(scheme) && credential) {
    let principalId: string;
    try {
      principalId = await verifyCallerToken(config, credential);
    } catch {
      throw unauthenticated('Invalid or expired token');
    }
    if (!isUuid(principalId)) throw unauthenticated('Token subject is not a principal');
    rows = await accessDs.query(`${PRINCIPAL_SQL} p.id = $1`, [principalId]);
  } else if (/^apikey$/i.test(scheme) && credential) {
    rows = await accessDs.query(`${PRINCIPAL_SQL} p.api_key_hash = $1`, [hashApiKey(credential)]);
  } else {
    throw unauthenticated('Authorization must be "Bearer <token>" or "ApiKey <key>"');
  }
  const p = rows[0];
  if (!p) throw unauthenticated('Unknown or inactive principal');
  return {
    principalId: p.id,
    principalName: p.name,
    agencyId: p.agency_id,
    agencyKind: p.kind,
    roles: p.roles,
    requestId: requestId && /^[\w-]{1,64}$/.test(requestId) ? requestId : randomUUID(),
  };
}
