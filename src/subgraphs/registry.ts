import type { SubgraphName } from '../config';
import { access } from './access';
import { audit } from './audit';
import { discipline } from './discipline';
import { inspection } from './inspection';
import { organization } from './organization';
import { petition } from './petition';
import type { SubgraphModule } from './types';

/** Every subgraph, in seeding order (access and organization first: the others refer to them). */
export const SUBGRAPHS: SubgraphModule[] = [access, organization, petition, discipline, audit, inspection];

export function subgraphByName(name: string): SubgraphModule {
  const mod = SUBGRAPHS.find((m) => m.name === name);
  if (!mod) throw new Error(`Unknown subgraph "${name}"; expected one of ${SUBGRAPHS.map((m) => m.name).join(', ')}`);
  return mod;
}

export type { SubgraphName };
