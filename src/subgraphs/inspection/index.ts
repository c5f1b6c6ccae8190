import { AgencyKind } from '../../common/agency';
import { publishBatchEntity } from '../../common/publish';
import type { SubgraphModule } from '../types';
import { migrations } from '../../../migrations/inspection';
import { PlaceholderResolver } from './placeholder.resolver';

/** Placeholder until the subgraph is built. */
export const inspection: SubgraphModule = {
  name: 'inspection',
  owner: AgencyKind.INSPECTION_OFFICE,
  entities: [publishBatchEntity('inspection')],
  migrations,
  resolvers: [PlaceholderResolver],
};
