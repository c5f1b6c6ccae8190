import { UseMiddleware, type MiddlewareFn } from 'type-graphql';
import { forbidden } from '../common/errors';
import type { SubgraphContext } from '../subgraphs/types';

/**
 * Sharing class of a field (DESIGN.md §4): OPEN 无条件共享, CONDITIONAL 有条件共享,
 * RESTRICTED 不予共享. Until grants exist, CONDITIONAL behaves like RESTRICTED for
 * other agencies: deny by default, never share what nobody granted.
 */
export type Sensitivity = 'OPEN' | 'CONDITIONAL' | 'RESTRICTED';

const guard =
  (level: Exclude<Sensitivity, 'OPEN'>): MiddlewareFn<SubgraphContext> =>
  async ({ context, info }, next) => {
    if (context.owner !== null && context.identity.agencyKind === context.owner) return next();
    throw forbidden(`${info.parentType.name}.${info.fieldName} is ${level}: not shared with your agency`, {
      sensitivity: level,
      field: `${info.parentType.name}.${info.fieldName}`,
    });
  };

/** Readable by other agencies only under a grant (none are issued yet). */
export const Conditional = () => UseMiddleware(guard('CONDITIONAL'));
/** Readable only inside the owning agency. */
export const Restricted = () => UseMiddleware(guard('RESTRICTED'));
