import { AgencyKind } from '../../common/agency';
import { publishBatchEntity } from '../../common/publish';
import { publishLogEntity, publishLogResolver } from '../../common/publish-log';
import type { SubgraphModule } from '../types';
import { migrations } from '../../../migrations/inspection';
import { InspectionFinding } from './finding.entity';
import { FindingResolver } from './finding.resolver';
import { InspectionRecordResolver } from './inspection-record.resolver';
import { Inspector } from './inspector.entity';
import { InspectorResolver } from './inspector.resolver';
import { InspectionPublishResolver } from './publish.resolver';
import { RectificationItem } from './rectification-item.entity';
import { RectificationItemResolver } from './rectification-item.resolver';
import { CadreRef, UnitRef } from './refs';
import { InspectionRound } from './round.entity';
import { RoundResolver } from './round.resolver';
import { RecusalOverride } from './recusal-override.entity';
import { CrossPlanResolver, RecusalResolver } from './recusal.resolver';
import { seedInspection } from './seed';
import { TeamAssignment } from './team-assignment.entity';
import { TeamMember } from './team-member.entity';
import { InspectionTeam } from './team.entity';
import { TeamResolver } from './team.resolver';
import { assignmentsByTeam } from './loaders';
import { Records } from '../../authz/records';
import { SharingClass } from '../../authz/sensitivity';
import { UnitInspectionsResolver } from './unit.resolver';
import { DossierResolver, InspectionSectionResolver } from './dossier.resolver';
import { FastTrackClue, FastTrackEvent } from './fast-track.entity';
import { FastTrackResolver } from './fast-track.resolver';
import { StatisticsResolver } from './statistics.resolver';
import { ItemFindingResolver, LookBackResolver, UnitLedgerResolver } from './ledger.resolver';

// A team's recusal flags concern the units it inspects; an inspector's ties concern the units they worked for.
Records(SharingClass.OPEN, async (team: InspectionTeam, ctx) => (await assignmentsByTeam(ctx).load(team.id)).map((a) => a.unitCreditCode.trim()))(InspectionTeam);
Records(SharingClass.OPEN, (i: Inspector) => [i.currentEmployerCreditCode, ...(i.pastEmployerCreditCodes ?? [])].filter((c): c is string => !!c).map((c) => c.trim()))(Inspector);

/**
 * Inspection office (巡察办): the talent pool, rounds and their teams, findings and
 * their rectification; extends InspectedUnit with its inspection history.
 */
export const inspection: SubgraphModule = {
  name: 'inspection',
  owner: AgencyKind.INSPECTION_OFFICE,
  entities: [Inspector, InspectionRound, InspectionTeam, TeamMember, TeamAssignment, RecusalOverride, FastTrackClue, FastTrackEvent, InspectionFinding, RectificationItem, publishBatchEntity('inspection'), publishLogEntity('inspection')],
  migrations,
  resolvers: [
    RoundResolver,
    TeamResolver,
    InspectorResolver,
    FindingResolver,
    RectificationItemResolver,
    InspectionRecordResolver,
    UnitInspectionsResolver,
    InspectionPublishResolver,
    RecusalResolver,
    CrossPlanResolver,
    DossierResolver,
    InspectionSectionResolver,
    FastTrackResolver,
    StatisticsResolver,
    UnitLedgerResolver,
    ItemFindingResolver,
    LookBackResolver,
    publishLogResolver('inspection'),
  ],
  orphanedTypes: [UnitRef, CadreRef],
  seed: seedInspection,
};
