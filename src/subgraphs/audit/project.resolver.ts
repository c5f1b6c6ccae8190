import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { UUIDScalar } from '../../common/scalars';
import { Conditional, Open } from '../../authz/sensitivity';
import { badInput } from '../../common/errors';
import { isUuid } from '../../common/loaders';
import type { SubgraphContext } from '../types';
import { AuditFinding } from './finding.entity';
import { findingsByProject, projectsById } from './loaders';
import { AuditProject } from './project.entity';
import { CadreRef, UnitRef, cadreRef, unitRef } from './refs';

@Resolver(() => AuditProject)
export class AuditProjectResolver {
  @Query(() => AuditProject, { nullable: true, description: 'One audit project by hub id (审计项目)' })
  auditProject(@Arg('id', () => UUIDScalar) id: string, @Ctx() ctx: SubgraphContext) {
    if (!isUuid(id)) throw badInput('id is not an audit project id', { argument: 'id' });
    return projectsById(ctx).load(id);
  }

  @Open()
  @FieldResolver(() => UnitRef, {
    nullable: true,
    description: 'Audited unit (被审计单位)' + '; null when the organisation department has not published that unit',
  })
  auditedUnit(@Root() project: AuditProject): UnitRef {
    return unitRef(project.unitCreditCode);
  }

  @FieldResolver(() => CadreRef, { nullable: true, description: 'Audited cadre (被审计领导干部), for economic-responsibility and departure audits — CONDITIONAL' })
  @Conditional()
  auditedCadre(@Root() project: AuditProject): CadreRef | null {
    return project.auditedCadreId ? cadreRef(project.auditedCadreId) : null;
  }

  @Open()
  @FieldResolver(() => [AuditFinding], { description: 'Problems found, in report order (审计发现问题)' })
  async findings(@Root() project: AuditProject, @Ctx() ctx: SubgraphContext): Promise<AuditFinding[]> {
    // The parent is handed down: looking it up again would cost a query at a timing that varies with the data.
    return (await findingsByProject(ctx).load(project.id)).map((f) => ({ ...f, project }));
  }
}
