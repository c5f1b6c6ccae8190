import type { ActiveGrant, Recusal } from '../authz/grant-types';
import type { AgencyKind, Role } from './agency';

/**
 * Who is calling, as the subgraph serving the request established it from the
 * caller's own credential (auth/caller.ts): no router or gateway in front is trusted
 * to say who the caller is or what it may read.
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
   * asking access to open data requests), proven by the peer assertion (auth/peer.ts).
   * Fields reserved to the hub itself check it.
   */
  via?: string;
}
