import type { SubgraphModule } from '../types';
import { Agency } from './agency.entity';
import { Principal } from './principal.entity';
import { PrincipalResolver } from './resolver';
import { seedAccess } from './seed';
import { migrations } from '../../../migrations/access';

/** Agencies and principals; later issues add grants and the disclosure audit trail. */
export const access: SubgraphModule = {
  name: 'access',
  owner: null,
  entities: [Agency, Principal],
  migrations,
  resolvers: [PrincipalResolver],
  seed: seedAccess,
};
