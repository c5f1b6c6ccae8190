import { AgencyKind } from '../../common/agency';
import { publishBatchEntity } from '../../common/publish';
import type { SubgraphModule } from '../types';
import { migrations } from '../../../migrations/petition';
import { PlaceholderResolver } from './placeholder.resolver';

/** Placeholder until the subgraph is built. */
export const petition: SubgraphModule = {
  name: 'petition',
  owner: AgencyKind.INSPECTION_OFFICE,
  entities: [publishBatchEntity('petition')],
  migrations,
  resolvers: [PlaceholderResolver],
};
