import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../types';
import { AuditFinding } from './finding.entity';
import { projectsById } from './loaders';
import { AuditProject } from './project.entity';
import { UnitRef, unitRef } from './refs';
import { Open } from '../../authz/sensitivity';

@Resolver(() => AuditFinding)
export class AuditFindingResolver {
  @Open()
  @FieldResolver(() => AuditProject, { nullable: true, description: 'Audit project that found it (所属审计项目); null when projects are not shared with you' })
  async project(@Root() finding: AuditFinding, @Ctx() ctx: SubgraphContext): Promise<AuditProject | null> {
    // Findings and projects are granted separately: a visible finding may belong to a project outside your scope.
    return finding.project ?? (await projectsById(ctx).load(finding.projectId));
  }

  @Open()
  @FieldResolver(() => UnitRef, {
    nullable: true,
    description: 'Audited unit (被审计单位), the same as the project’s' + '; null when the organisation department has not published that unit',
  })
  unit(@Root() finding: AuditFinding): UnitRef {
    return unitRef(finding.unitCreditCode);
  }
}
