import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext, GraphQLResponse } from '@apollo/server';
import type { DataSource } from 'typeorm';
import { appendDisclosures } from '../authz/audit-writer';
import { log } from '../log';
import { RETRY_AFTER_SECONDS } from '../common/outage';
import type { SubgraphContext } from './types';

/**
 * The client's operation name as a router passes it on: @apollo/gateway names the
 * operation it sends a subgraph `<name>__<subgraph>__<n>`; the audit keeps the name
 * the client gave.
 */
const clientOperationName = (name: string | null): string | null => (name ? name.replace(/__[A-Za-z0-9_]+__\d+$/, '') : null);

type Request = GraphQLRequestContext<SubgraphContext>['request'];

/**
 * What this subgraph disclosed (CONDITIONAL or RESTRICTED values, masked or not) goes
 * to its own audit chain — named after the subgraph — before the response leaves:
 * one append per request, batched with other requests' appends to the same chain. If
 * the trail cannot be written, the data is not sent. Whichever router is in front,
 * nothing reaches a client unlogged.
 *
 * Served on its own, the subgraph then reports the request's statement count
 * (outside production), the append included: a gateway in front adds it to its own.
 */
export const auditPlugin = (accessDs: DataSource, chain: string): ApolloServerPlugin<SubgraphContext> => ({
  async requestDidStart({ request, contextValue }) {
    return {
      async willSendResponse({ response, operationName }) {
        await writeAudit(accessDs, chain, contextValue, request, response, operationName);
        if (contextValue.sql && !contextValue.config?.production && response.body.kind === 'single') {
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, sqlStatements: contextValue.sql.statements };
        }
      },
    };
  },
});

async function writeAudit(accessDs: DataSource, chain: string, contextValue: SubgraphContext, request: Request, response: GraphQLResponse, operationName: string | null | undefined) {
  const groups = contextValue.disclosures?.toJSON() ?? [];
  if (!groups.length || !contextValue.identity) return;
  const { identity } = contextValue;
  try {
    await appendDisclosures(
      accessDs,
      chain,
      groups.map((g) => ({
        requestId: identity.requestId,
        principalId: identity.principalId,
        agencyId: identity.agencyId,
        operationName: clientOperationName(operationName ?? request.operationName ?? null),
        operationHash: createHash('sha256').update(request.query ?? '').digest('hex'),
        ...g,
      })),
    );
  } catch (err) {
    log.error({ err, chain, requestId: identity.requestId }, 'disclosure audit failed; response withheld');
    if (response.body.kind === 'single') {
      response.body.singleResult.data = null;
      response.body.singleResult.errors = [
        { message: '披露审计记录暂无法写入，本次未发送任何数据，请稍后重试', extensions: { code: 'SERVICE_UNAVAILABLE' } },
      ] as never;
    }
    response.http.status = 503;
    response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
  }
}
