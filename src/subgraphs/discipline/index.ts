import { AgencyKind } from '../../common/agency';
import { publishBatchEntity } from '../../common/publish';
import type { SubgraphModule } from '../types';
import { migrations } from '../../../migrations/discipline';
import { PlaceholderResolver } from './placeholder.resolver';

/** Placeholder until the subgraph is built. */
export const discipline: SubgraphModule = {
  name: 'discipline',
  owner: AgencyKind.INSPECTION_OFFICE,
  entities: [publishBatchEntity('discipline')],
  migrations,
  resolvers: [PlaceholderResolver],
};
