import { Args, Ctx, Directive, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { Open } from '../../authz/sensitivity';
import { DossierSection, REQUEST_STATES_SELECTION, dossierRefType, readable, sectionStatus, type DossierKey } from '../../common/dossier';
import { PageArgs, type Page } from '../../common/paging';
import type { SubgraphContext } from '../types';
import { PetitionConnection, PublicOpinionConnection } from './connections';
import type { Petition } from './petition.entity';
import type { PublicOpinionItem } from './public-opinion.entity';
import type { UnitRef } from './refs';
import { PetitionStats } from './stats';
import { PetitionPageArgs, PetitionUnitResolver } from './unit.resolver';

export const PetitionDossierRef = dossierRefType();
type Ref = InstanceType<typeof PetitionDossierRef>;

@ObjectType({ description: 'Dossier section: petitions and public opinion about the unit (信访举报情况)' })
export class DossierPetitionSection extends DossierSection {
  unitCreditCode: string;
}

const units = new PetitionUnitResolver();
const unitRef = (creditCode: string): UnitRef => ({ creditCode });

@Resolver(() => PetitionDossierRef)
export class PetitionDossierResolver {
  @Open()
  @Directive(`@requires(fields: "${REQUEST_STATES_SELECTION}")`)
  @FieldResolver(() => DossierPetitionSection, { nullable: true, description: '信访举报情况: statistics by year and category, anonymous share, and the petitions' })
  async petitions(@Root() dossier: Ref, @Ctx() ctx: SubgraphContext): Promise<DossierPetitionSection> {
    const unit = unitRef(dossier.unitCreditCode);
    const status = await sectionStatus(ctx, dossier as DossierKey, ['Petition', 'PublicOpinionItem'], async () => {
      const [stats, opinions] = await Promise.all([units.petitionStats(unit, ctx), units.publicOpinions(unit, { first: 1 } as PageArgs, ctx)]);
      return stats.total + opinions.totalCount;
    });
    return Object.assign(new DossierPetitionSection(), status, { source: 'petition', unitCreditCode: dossier.unitCreditCode });
  }
}

/** The section's data, read through the same scoped loaders as the unit's own fields. */
@Resolver(() => DossierPetitionSection)
export class PetitionSectionResolver {
  @Open()
  @FieldResolver(() => PetitionStats, { nullable: true, description: 'By year and category, with the anonymous share' })
  stats(@Root() s: DossierPetitionSection, @Ctx() ctx: SubgraphContext): Promise<PetitionStats> | null {
    return readable(s) ? units.petitionStats(unitRef(s.unitCreditCode), ctx) : null;
  }

  @Open()
  @FieldResolver(() => PetitionConnection, { nullable: true })
  items(@Root() s: DossierPetitionSection, @Args() args: PetitionPageArgs, @Ctx() ctx: SubgraphContext): Promise<Page<Petition>> | null {
    return readable(s) ? units.petitions(unitRef(s.unitCreditCode), args, ctx) : null;
  }

  @Open()
  @FieldResolver(() => PublicOpinionConnection, { nullable: true })
  publicOpinions(@Root() s: DossierPetitionSection, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext): Promise<Page<PublicOpinionItem>> | null {
    return readable(s) ? units.publicOpinions(unitRef(s.unitCreditCode), page, ctx) : null;
  }
}
