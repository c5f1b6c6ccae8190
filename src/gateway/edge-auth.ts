import type { DataSource } from 'typeorm';
import { resolveCaller, requestIdFrom } from '../auth/caller';
import { isUuid } from '../common/loaders';
import { unauthenticated } from '../common/errors';
import type { HubConfig } from '../config';
import type { GatewayContext } from './context';
import { verifyCallerToken } from './tokens';

/**
 * The gateway's own check of a credential, so that a missing, forged or expired one is
 * answered 401 at the edge. It decides nothing about data: the subgraphs resolve the
 * caller's grants themselves. A token's signature is checked with the public key and no
 * database read; an API key is looked up (the lookup is shared with the in-process
 * subgraphs of the same request).
 */
export async function edgeContext(authorization: string | undefined, requestId: string | undefined, accessDs: DataSource, config: HubConfig): Promise<Omit<GatewayContext, 'sql' | 'startedAt'>> {
  if (!authorization) throw unauthenticated('Send Authorization: Bearer <token> or Authorization: ApiKey <key>');
  const [scheme, credential] = authorization.trim().split(/\s+/, 2);
  let principalId: string;
  if (/^bearer$/i.test(scheme) && credential) {
    try {
      principalId = await verifyCallerToken(config, credential);
    } catch {
      throw unauthenticated('Invalid or expired token');
    }
    if (!isUuid(principalId)) throw unauthenticated('Token subject is not a principal');
  } else {
    principalId = (await resolveCaller(authorization, accessDs, config)).principalId;
  }
  return { authorization, principalId, requestId: requestIdFrom(requestId) };
}
