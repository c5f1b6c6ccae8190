import { Ctx, Directive, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { Open } from '../../authz/sensitivity';
import { DossierSection, REQUEST_STATES_SELECTION, SectionAvailability, dossierRefType, grantsCovering, type DossierKey } from '../../common/dossier';
import type { SubgraphContext } from '../types';
import { unitsByCreditCode } from './loaders';
import { InspectedUnit } from './unit.entity';

export const OrganizationDossierRef = dossierRefType();

@ObjectType({ description: 'Dossier section: the unit, its staffing and leadership team (被巡察单位基本情况)' })
export class DossierProfileSection extends DossierSection {
  @Open() @Field(() => InspectedUnit, { nullable: true, description: 'Profile, headcounts, leadership team and cadres (ranks by grant of the organisation department)' })
  unit: InspectedUnit | null;
}

const TYPES = ['InspectedUnit', 'Cadre'];

@Resolver(() => OrganizationDossierRef)
export class OrganizationDossierResolver {
  /** The profile is OPEN: available whenever the unit is published; the request behind it is for cadres' ranks. */
  @Open()
  @Directive(`@requires(fields: "${REQUEST_STATES_SELECTION}")`)
  @FieldResolver(() => DossierProfileSection, { nullable: true, description: '被巡察单位基本情况: profile, staffing, leadership team' })
  async profile(@Root() d: DossierKey, @Ctx() ctx: SubgraphContext): Promise<DossierProfileSection> {
    const unit = await unitsByCreditCode(ctx).load(d.unitCreditCode);
    return Object.assign(new DossierProfileSection(), {
      availability: unit ? SectionAvailability.AVAILABLE : SectionAvailability.EMPTY,
      source: 'organization',
      types: TYPES,
      requests: (d.requestStates ?? []).filter((r) => TYPES.includes(r.typeName)),
      grantIds: grantsCovering(ctx, TYPES, d.unitCreditCode).map((g) => g.id),
      unit,
    });
  }
}
