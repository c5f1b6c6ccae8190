import { Args, Ctx, Directive, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { Open } from '../../authz/sensitivity';
import { DossierSection, REQUEST_STATES_SELECTION, dossierRefType, readable, section, type DossierKey } from '../../common/dossier';
import { PageArgs, type Page } from '../../common/paging';
import type { SubgraphContext } from '../types';
import type { AuditFinding } from './finding.entity';
import type { AuditProject } from './project.entity';
import { unitRef } from './refs';
import { AuditFindingConnection, AuditProjectConnection, AuditStats, AuditUnitResolver, FindingPageArgs } from './unit.resolver';

export const AuditDossierRef = dossierRefType();

@ObjectType({ description: 'Dossier section: audits of the unit, their findings and rectification (审计发现问题及整改情况)' })
export class DossierAuditSection extends DossierSection {
  unitCreditCode: string;
}

const units = new AuditUnitResolver();

@Resolver(() => AuditDossierRef)
export class AuditDossierResolver {
  @Open()
  @Directive(`@requires(fields: "${REQUEST_STATES_SELECTION}")`)
  @FieldResolver(() => DossierAuditSection, { nullable: true, description: '审计发现问题及整改情况' })
  audit(@Root() d: DossierKey, @Ctx() ctx: SubgraphContext): Promise<DossierAuditSection> {
    return section(DossierAuditSection, ctx, d, 'audit', ['AuditProject', 'AuditFinding'], async () => {
      const unit = unitRef(d.unitCreditCode);
      const [projects, findings] = await Promise.all([units.auditProjects(unit, { first: 1 } as PageArgs, ctx), units.auditFindings(unit, { first: 1 } as FindingPageArgs, ctx)]);
      return projects.totalCount + findings.totalCount;
    });
  }
}

@Resolver(() => DossierAuditSection)
export class AuditSectionResolver {
  @Open()
  @FieldResolver(() => AuditStats, { nullable: true, description: 'Findings, rectified, and the amount involved' })
  stats(@Root() s: DossierAuditSection, @Ctx() ctx: SubgraphContext): Promise<AuditStats> | null {
    return readable(s) ? units.auditStats(unitRef(s.unitCreditCode), ctx) : null;
  }

  @Open()
  @FieldResolver(() => AuditProjectConnection, { nullable: true })
  projects(@Root() s: DossierAuditSection, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext): Promise<Page<AuditProject>> | null {
    return readable(s) ? units.auditProjects(unitRef(s.unitCreditCode), page, ctx) : null;
  }

  @Open()
  @FieldResolver(() => AuditFindingConnection, { nullable: true, description: 'Findings with their rectification status' })
  findings(@Root() s: DossierAuditSection, @Args() args: FindingPageArgs, @Ctx() ctx: SubgraphContext): Promise<Page<AuditFinding>> | null {
    return readable(s) ? units.auditFindings(unitRef(s.unitCreditCode), args, ctx) : null;
  }
}
