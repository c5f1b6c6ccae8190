import { AgencyKind } from '../../common/agency';
import { publishBatchEntity } from '../../common/publish';
import { publishLogEntity, publishLogResolver } from '../../common/publish-log';
import type { SubgraphModule } from '../types';
import { migrations } from '../../../migrations/petition';
import { PetitionCadreResolver } from './cadre.resolver';
import { Petition } from './petition.entity';
import { PetitionResolver } from './petition.resolver';
import { PublicOpinionItem } from './public-opinion.entity';
import { PublicOpinionResolver } from './public-opinion.resolver';
import { PetitionPublishResolver } from './publish.resolver';
import { CadreRef, UnitRef } from './refs';
import { seedPetition } from './seed';
import { PetitionUnitResolver } from './unit.resolver';
import { PetitionDossierRef, PetitionDossierResolver, PetitionSectionResolver } from './dossier.resolver';

/** Petition bureau (信访局): petitions and public-opinion items about inspected units. */
export const petition: SubgraphModule = {
  name: 'petition',
  owner: AgencyKind.PETITION_BUREAU,
  entities: [Petition, PublicOpinionItem, publishBatchEntity('petition'), publishLogEntity('petition')],
  migrations,
  resolvers: [PetitionUnitResolver, PetitionCadreResolver, PetitionResolver, PublicOpinionResolver, PetitionPublishResolver, PetitionDossierResolver, PetitionSectionResolver, publishLogResolver('petition')],
  // The stubs carry what this subgraph adds to organization's entities, whichever root fields reach them.
  orphanedTypes: [UnitRef, CadreRef, PetitionDossierRef],
  seed: seedPetition,
};
