import { Args, Ctx, Directive, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { Open } from '../../authz/sensitivity';
import { DossierSection, REQUEST_STATES_SELECTION, dossierRefType, readable, section, type DossierKey } from '../../common/dossier';
import { PageArgs, type Page } from '../../common/paging';
import type { SubgraphContext } from '../types';
import { ClueStats } from './clue-stats';
import type { ProblemClue } from './clue.entity';
import { unitRef } from './refs';
import type { Sanction } from './sanction.entity';
import { StationedGroup } from './stationed-group.entity';
import { ClueArgs, ProblemClueConnection, SanctionConnection, UnitDisciplineResolver } from './unit.resolver';

export const DisciplineDossierRef = dossierRefType();

@ObjectType({ description: 'Dossier section: problem clues about the unit and how they were disposed of (问题线索及处置情况)' })
export class DossierClueSection extends DossierSection {
  unitCreditCode: string;
}

@ObjectType({ description: 'Dossier section: sanctions of the unit’s cadres (党纪政务处分情况)' })
export class DossierSanctionSection extends DossierSection {
  unitCreditCode: string;
}

@ObjectType({ description: 'Dossier section: supervision by stationed discipline groups (派驻纪检监察组日常监督情况)' })
export class DossierSupervisionSection extends DossierSection {
  unitCreditCode: string;
}

const units = new UnitDisciplineResolver();
const requiresRequests = `@requires(fields: "${REQUEST_STATES_SELECTION}")`;

@Resolver(() => DisciplineDossierRef)
export class DisciplineDossierResolver {
  @Open()
  @Directive(requiresRequests)
  @FieldResolver(() => DossierClueSection, { nullable: true, description: '问题线索及处置情况' })
  clues(@Root() d: DossierKey, @Ctx() ctx: SubgraphContext): Promise<DossierClueSection> {
    return section(DossierClueSection, ctx, d, 'discipline', ['ProblemClue'], async () => (await units.clueStats(unitRef(d.unitCreditCode), ctx)).total);
  }

  @Open()
  @Directive(requiresRequests)
  @FieldResolver(() => DossierSanctionSection, { nullable: true, description: '党纪政务处分情况' })
  sanctions(@Root() d: DossierKey, @Ctx() ctx: SubgraphContext): Promise<DossierSanctionSection> {
    return section(DossierSanctionSection, ctx, d, 'discipline', ['Sanction'], async () => (await units.sanctions(unitRef(d.unitCreditCode), { first: 1 } as PageArgs, ctx)).totalCount);
  }

  @Open()
  @Directive(requiresRequests)
  @FieldResolver(() => DossierSupervisionSection, { nullable: true, description: '派驻纪检监察组日常监督情况' })
  supervision(@Root() d: DossierKey, @Ctx() ctx: SubgraphContext): Promise<DossierSupervisionSection> {
    return section(DossierSupervisionSection, ctx, d, 'discipline', ['StationedGroup'], async () => (await units.stationedGroups(unitRef(d.unitCreditCode), ctx)).length);
  }
}

@Resolver(() => DossierClueSection)
export class ClueSectionResolver {
  @Open()
  @FieldResolver(() => ClueStats, { nullable: true, description: 'By disposal method (四种形态) and status' })
  stats(@Root() s: DossierClueSection, @Ctx() ctx: SubgraphContext): Promise<ClueStats> | null {
    return readable(s) ? units.clueStats(unitRef(s.unitCreditCode), ctx) : null;
  }

  @Open()
  @FieldResolver(() => ProblemClueConnection, { nullable: true })
  items(@Root() s: DossierClueSection, @Args() args: ClueArgs, @Ctx() ctx: SubgraphContext): Promise<Page<ProblemClue>> | null {
    return readable(s) ? units.clues(unitRef(s.unitCreditCode), args, ctx) : null;
  }
}

@Resolver(() => DossierSanctionSection)
export class SanctionSectionResolver {
  @Open()
  @FieldResolver(() => SanctionConnection, { nullable: true })
  items(@Root() s: DossierSanctionSection, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext): Promise<Page<Sanction>> | null {
    return readable(s) ? units.sanctions(unitRef(s.unitCreditCode), page, ctx) : null;
  }
}

@Resolver(() => DossierSupervisionSection)
export class SupervisionSectionResolver {
  @Open()
  @FieldResolver(() => [StationedGroup], { nullable: true })
  groups(@Root() s: DossierSupervisionSection, @Ctx() ctx: SubgraphContext): Promise<StationedGroup[]> | null {
    return readable(s) ? units.stationedGroups(unitRef(s.unitCreditCode), ctx) : null;
  }
}
