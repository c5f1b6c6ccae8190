import type { DisclosureGroup } from '../authz/disclosures';
import type { Identity } from '../common/identity';
import type { SqlCounter } from '../db/sql-counter';

export interface GatewayContext {
  identity: Identity;
  sql: SqlCounter;
  /** What the subgraphs disclosed while answering this request; written to the audit trail before responding. */
  disclosures: DisclosureGroup[];
}
