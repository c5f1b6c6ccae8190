import type { Principal } from './session';

/**
 * Which screens the menu offers. This only spares people menus they cannot use: what
 * a screen shows is decided by the hub for every request, never here.
 */
export function screensFor(p: Pick<Principal, 'roles' | 'agencyKind'>) {
  const has = (...roles: string[]) => roles.some((r) => p.roles.includes(r));
  const commission = p.agencyKind === 'DISCIPLINE_COMMISSION';
  return {
    office: has('INSPECTION_OFFICE', 'TEAM_LEADER', 'TEAM_MEMBER'),
    officeOnly: has('INSPECTION_OFFICE'),
    fastTrack: has('INSPECTION_OFFICE', 'TEAM_LEADER', 'TEAM_MEMBER') || commission,
    statistics: has('INSPECTION_OFFICE', 'ADMIN') || commission,
    ledgers: has('INSPECTION_OFFICE', 'TEAM_LEADER', 'TEAM_MEMBER', 'ADMIN') || commission,
    provider: has('AGENCY_OFFICER'),
    admin: has('ADMIN'),
  };
}
