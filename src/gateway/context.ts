import type { Identity } from '../common/identity';
import type { SqlCounter } from '../db/sql-counter';

export interface GatewayContext {
  identity: Identity;
  sql: SqlCounter;
}
