import type { DataSource } from 'typeorm';
import { resolveCaller, requestIdFrom } from '../auth/caller';
import { isUuid } from '../common/loaders';
import { unauthenticated } from '../common/errors';
import type { HubConfig } from '../config';
import type { GatewayContext } from './context';
import { recentlyVerified, verifyCallerToken } from './tokens';

export type EdgeContext = Omit<GatewayContext, 'sql' | 'startedAt'>;

/**
 * The gateway's own check of a credential, so that a missing, forged or expired one is
 * answered 401 at the edge. It decides nothing about data: the subgraphs resolve the
 * caller's grants themselves. A token's signature is checked with the public key and no
 * database read; an API key is looked up (the lookup is shared with the in-process
 * subgraphs of the same request). A token verified in the last minute is answered at
 * once, without a promise: every promise costs the request scope's async hooks, and this
 * is the path of nearly every request (issue 11: the fixed cost per request).
 */
export function edgeContext(authorization: string | undefined, requestId: string | undefined, accessDs: DataSource, config: HubConfig): EdgeContext | Promise<EdgeContext> {
  if (!authorization) throw unauthenticated('Send Authorization: Bearer <token> or Authorization: ApiKey <key>');
  const [scheme, credential] = authorization.trim().split(/\s+/, 2);
  const context = (principalId: string): EdgeContext => {
    if (!isUuid(principalId)) throw unauthenticated('Token subject is not a principal');
    return { authorization, principalId, requestId: requestIdFrom(requestId) };
  };
  if (/^bearer$/i.test(scheme) && credential) {
    const known = recentlyVerified(config, credential);
    if (known) return context(known);
    return verifyCallerToken(config, credential).then(context, () => {
      throw unauthenticated('Invalid or expired token');
    });
  }
  return resolveCaller(authorization, accessDs, config).then((caller) => ({ authorization, principalId: caller.principalId, requestId: requestIdFrom(requestId) }));
}
