import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Conditional } from '../../authz/sensitivity';
import type { SubgraphContext } from '../types';
import { projectsByCadre } from './loaders';
import { AuditProject } from './project.entity';
import { CadreRef } from './refs';

/** What the audit bureau adds to the cadre organization owns. */
@Resolver(() => CadreRef)
export class AuditCadreResolver {
  /**
   * Listing projects by cadre reveals who was audited, i.e. AuditProject.auditedCadre,
   * so it needs read access to that field (no oracle, DESIGN.md §4).
   */
  @FieldResolver(() => [AuditProject], { nullable: true, description: 'Audits of the cadre, newest report first (经济责任审计) — CONDITIONAL like AuditProject.auditedCadre' })
  @Conditional()
  auditProjects(@Root() cadre: CadreRef, @Ctx() ctx: SubgraphContext) {
    return projectsByCadre(ctx).load(cadre.id);
  }
}
