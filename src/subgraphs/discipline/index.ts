import { AgencyKind } from '../../common/agency';
import { publishBatchEntity } from '../../common/publish';
import { publishLogEntity, publishLogResolver } from '../../common/publish-log';
import type { SubgraphModule } from '../types';
import { FastTrackMirrorResolver } from './fast-track.resolver';
import { DisciplineDossierRef, DisciplineDossierResolver, ClueSectionResolver, SanctionSectionResolver, SupervisionSectionResolver } from './dossier.resolver';
import { migrations } from '../../../migrations/discipline';
import { CadreDisciplineResolver } from './cadre.resolver';
import { ProblemClue } from './clue.entity';
import { ClueResolver } from './clue.resolver';
import { DisciplinePublishResolver } from './publish.resolver';
import { CadreRef, UnitRef } from './refs';
import { Sanction } from './sanction.entity';
import { SanctionResolver } from './sanction.resolver';
import { seedDiscipline } from './seed';
import { StationedGroup, StationedGroupUnit } from './stationed-group.entity';
import { StationedGroupResolver } from './stationed-group.resolver';
import { UnitDisciplineResolver } from './unit.resolver';
import { unitCodesByGroup } from './loaders';
import { Records } from '../../authz/records';
import { SharingClass } from '../../authz/sensitivity';

// A group's supervision notes concern every unit it supervises: recused from any of them, none of its notes.
Records(SharingClass.OPEN, (group: StationedGroup, ctx) => unitCodesByGroup(ctx).load(group.id))(StationedGroup);

/** Discipline commission (纪委监委): problem clues, sanctions and stationed groups, extending units and cadres. */
export const discipline: SubgraphModule = {
  name: 'discipline',
  owner: AgencyKind.DISCIPLINE_COMMISSION,
  entities: [ProblemClue, Sanction, StationedGroup, StationedGroupUnit, publishBatchEntity('discipline'), publishLogEntity('discipline')],
  migrations,
  resolvers: [UnitDisciplineResolver, CadreDisciplineResolver, ClueResolver, SanctionResolver, StationedGroupResolver, DisciplinePublishResolver, DisciplineDossierResolver, ClueSectionResolver, SanctionSectionResolver, SupervisionSectionResolver, FastTrackMirrorResolver, publishLogResolver('discipline')],
  // Units and cadres are reached only through the gateway's entity references.
  orphanedTypes: [UnitRef, CadreRef, DisciplineDossierRef],
  seed: seedDiscipline,
};
