import type { DataSource } from 'typeorm';
import { GrantEffect, GrantScopeKind, GrantSubjectKind } from '../../authz/grant-types';
import { MaskStrategy } from '../../authz/sensitivity';
import { AgencyKind, Role } from '../../common/agency';
import { bulkInsert } from '../../db/bulk-insert';
import type { SeedWorld } from '../types';
import { GrantChange, GrantChangeAction } from './grant-change.entity';
import { Grant } from './grant.entity';
import { PrincipalTie, TeamMembership, TieKind } from './principal-context.entity';

/** The demo inspection team whose leader and members have principals (xcb-leader, xcb-member, …). */
export const DEMO_TEAM_ID = 'demo-2026-round-1-team-1';
const DAY = 86_400_000;

/**
 * Demo sharing: a team in a round running now, a member tied to one of its units
 * (recusal), and grants of each kind (team, agency, role; ALLOW and MASK; team,
 * listed and all units), so the demo shows every way a field is shared.
 */
export async function seedAccessGrants(ds: DataSource, world: SeedWorld): Promise<void> {
  const principals: { id: string; login: string }[] = await ds.query('SELECT id, login FROM access.principal');
  const id = (login: string) => principals.find((p) => p.login === login)!.id;
  const townships = world.units.filter((u) => u.kind === 'TOWNSHIP' && u.regionCode.startsWith('990102'));
  const teamUnits = townships.slice(0, 4).map((u) => u.creditCode);
  const now = Date.now();
  const round = { validFrom: new Date(now - 20 * DAY), validTo: new Date(now + 70 * DAY) };

  await bulkInsert(
    ds,
    TeamMembership,
    ['xcb-leader', 'xcb-member', 'xcb-member-recused'].map((login) => ({ principalId: id(login), teamId: DEMO_TEAM_ID, ...round, unitCreditCodes: teamUnits })),
  );
  await bulkInsert(ds, PrincipalTie, [
    { principalId: id('xcb-member-recused'), kind: TieKind.PAST_EMPLOYER, code: teamUnits[0] },
    { principalId: id('xcb-member-recused'), kind: TieKind.HOME_REGION, code: '990105' },
    { principalId: id('xcb-member'), kind: TieKind.HOME_REGION, code: '990107' },
  ]);

  const office = world.agencies.find((a) => a.kind === AgencyKind.INSPECTION_OFFICE)!;
  const admin = id('admin');
  const purpose = '2026年第一轮巡察巡前了解被巡察单位情况（演示）';
  const grants: Partial<Grant>[] = [
    { subjectKind: GrantSubjectKind.TEAM, subjectValue: DEMO_TEAM_ID, typeName: 'Petition', fields: [], effect: GrantEffect.ALLOW, scopeKind: GrantScopeKind.TEAM_UNITS, ...round },
    { subjectKind: GrantSubjectKind.TEAM, subjectValue: DEMO_TEAM_ID, typeName: 'ProblemClue', fields: ['summary'], effect: GrantEffect.MASK, maskStrategy: MaskStrategy.REDACT_TEXT, scopeKind: GrantScopeKind.TEAM_UNITS, ...round },
    // Standing arrangements of the collaboration catalogue: the inspection office sees that records exist, summaries redacted.
    { subjectKind: GrantSubjectKind.AGENCY, subjectValue: office.id, typeName: 'Petition', fields: ['summary'], effect: GrantEffect.MASK, maskStrategy: MaskStrategy.REDACT_TEXT, scopeKind: GrantScopeKind.ALL_UNITS, validFrom: round.validFrom, validTo: null },
    { subjectKind: GrantSubjectKind.AGENCY, subjectValue: office.id, typeName: 'ProblemClue', fields: ['summary'], effect: GrantEffect.MASK, maskStrategy: MaskStrategy.REDACT_TEXT, scopeKind: GrantScopeKind.ALL_UNITS, validFrom: round.validFrom, validTo: null },
    { subjectKind: GrantSubjectKind.AGENCY, subjectValue: office.id, typeName: 'AuditFinding', fields: ['amount'], effect: GrantEffect.MASK, maskStrategy: MaskStrategy.AMOUNT_BUCKET, scopeKind: GrantScopeKind.ALL_UNITS, validFrom: round.validFrom, validTo: null },
    { subjectKind: GrantSubjectKind.ROLE, subjectValue: Role.INSPECTION_OFFICE, typeName: 'Sanction', fields: ['reason'], effect: GrantEffect.ALLOW, scopeKind: GrantScopeKind.LISTED_UNITS, unitCreditCodes: teamUnits.slice(0, 2), ...round },
  ].map((g) => ({ maskStrategy: null, unitCreditCodes: [], purpose, requestRef: null, createdBy: admin, ...g }));
  const ids = await bulkInsert(ds, Grant, grants);
  await bulkInsert(
    ds,
    GrantChange,
    grants.map((g, i) => ({ grantId: ids[i], action: GrantChangeAction.CREATE, changedBy: admin, before: null, after: { ...g, id: ids[i] } })),
  );
}
