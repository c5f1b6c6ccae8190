import { AgencyKind } from '../../common/agency';
import { publishBatchEntity } from '../../common/publish';
import type { SubgraphModule } from '../types';
import { migrations } from '../../../migrations/audit';
import { PlaceholderResolver } from './placeholder.resolver';

/** Placeholder until the subgraph is built. */
export const audit: SubgraphModule = {
  name: 'audit',
  owner: AgencyKind.INSPECTION_OFFICE,
  entities: [publishBatchEntity('audit')],
  migrations,
  resolvers: [PlaceholderResolver],
};
