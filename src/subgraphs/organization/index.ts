import { Records } from '../../authz/records';
import { SharingClass } from '../../authz/sensitivity';
import { AgencyKind } from '../../common/agency';
import { publishBatchEntity } from '../../common/publish';
import { publishLogEntity, publishLogResolver } from '../../common/publish-log';
import type { SubgraphModule } from '../types';
import { Cadre } from './cadre.entity';
import { CadreResolver } from './cadre.resolver';
import { cadresById, unitsByCreditCode, unitsById } from './loaders';
import { CadrePosting } from './posting.entity';
import { OrganizationPublishResolver } from './publish.resolver';
import { ReferenceResolver } from './reference.resolver';
import { Region } from './region.entity';
import { RegionResolver } from './region.resolver';
import { seedOrganization } from './seed';
import { cadreUnits } from '../cadre-units';
import { InspectedUnit } from './unit.entity';
import { UnitResolver } from './unit.resolver';
import { OrganizationDossierRef, OrganizationDossierResolver } from './dossier.resolver';
import { migrations } from '../../../migrations/organization';

// A cadre's CONDITIONAL fields are granted per unit, found through this subgraph's loader. Other
// subgraphs' Cadre stubs share the type name but hold only { id }: they ask organization.
Records(
  SharingClass.OPEN,
  async (cadre: Cadre, ctx) =>
    ctx.owner === AgencyKind.ORGANIZATION_DEPARTMENT ? ((await unitsById(ctx).load(cadre.unitId))?.creditCode ?? null) : cadreUnits(ctx).load(cadre.id),
  { unitScopedGrants: true },
)(Cadre);
Records(SharingClass.OPEN, 'creditCode')(InspectedUnit);

/** Organisation department (组织部): regions, inspected units, cadres and their careers. */
export const organization: SubgraphModule = {
  name: 'organization',
  owner: AgencyKind.ORGANIZATION_DEPARTMENT,
  entities: [Region, InspectedUnit, Cadre, CadrePosting, publishBatchEntity('organization'), publishLogEntity('organization')],
  migrations,
  resolvers: [UnitResolver, CadreResolver, RegionResolver, OrganizationPublishResolver, OrganizationDossierResolver, ReferenceResolver, publishLogResolver('organization')],
  orphanedTypes: [OrganizationDossierRef],
  referenceResolvers: {
    InspectedUnit: {
      __resolveReference: (ref: { id?: string; creditCode?: string }, ctx) =>
        ref.id ? unitsById(ctx).load(ref.id) : unitsByCreditCode(ctx).load(ref.creditCode!),
    },
    Cadre: { __resolveReference: (ref: { id: string }, ctx) => cadresById(ctx).load(ref.id) },
  },
  seed: seedOrganization,
};
