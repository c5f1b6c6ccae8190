import { Args, ArgsType, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { Conditional, Open, SharingClass } from '../../authz/sensitivity';
import { Records } from '../../authz/records';
import { Connection, PageArgs, pageSize, type Page } from '../../common/paging';
import { DecimalScalar } from '../../common/scalars';
import type { SubgraphContext } from '../types';
import { RectificationStatus } from './enums';
import { AuditFinding } from './finding.entity';
import { findingPagesByUnit, projectPagesByUnit, statsByUnit, type UnitAuditStats } from './loaders';
import { AuditProject } from './project.entity';
import { UnitRef } from './refs';

@ObjectType('AuditProjectConnection', { description: 'A page of audit projects' })
export class AuditProjectConnection extends Connection(AuditProject) {}

@ObjectType('AuditFindingConnection', { description: 'A page of audit findings' })
export class AuditFindingConnection extends Connection(AuditFinding) {}

@Records(SharingClass.OPEN, 'unitCreditCode')
@ObjectType({ description: 'Audit findings of a unit in figures (审计统计)' })
export class AuditStats implements UnitAuditStats {
  /** The unit the figures are about: recusal and unit-scoped grants apply to the total. */
  unitCreditCode: string;

  @Open()
  @Field(() => Int, { description: 'Findings over all audits (发现问题数)' })
  findings: number;

  @Open()
  @Field(() => Int, { description: 'Findings rectified (已整改数)' })
  rectified: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'Sum of the amounts involved, in yuan (涉及金额合计) — CONDITIONAL like the amounts it adds up' })
  @Conditional()
  totalAmount: string;
}

@ArgsType()
export class FindingPageArgs extends PageArgs {
  @Field(() => RectificationStatus, { nullable: true, description: 'Only findings in this rectification status' })
  rectificationStatus?: RectificationStatus;
}

/** What the audit bureau adds to the inspected unit organization owns. */
@Resolver(() => UnitRef)
export class AuditUnitResolver {
  @Open()
  @FieldResolver(() => AuditProjectConnection, { description: 'Audit projects of the unit, newest report first (审计项目)' })
  auditProjects(@Root() unit: UnitRef, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext): Promise<Page<AuditProject>> {
    return projectPagesByUnit(ctx, pageSize(page.first, ctx.maxPageSize), page.after).load(unit.creditCode);
  }

  @Open()
  @FieldResolver(() => AuditFindingConnection, { description: 'Audit findings about the unit, newest report first (审计发现问题)' })
  auditFindings(@Root() unit: UnitRef, @Args() args: FindingPageArgs, @Ctx() ctx: SubgraphContext): Promise<Page<AuditFinding>> {
    return findingPagesByUnit(ctx, pageSize(args.first, ctx.maxPageSize), args.after, args.rectificationStatus).load(unit.creditCode);
  }

  @Open()
  @FieldResolver(() => AuditStats, { description: 'Audit findings in figures (审计统计)' })
  auditStats(@Root() unit: UnitRef, @Ctx() ctx: SubgraphContext): Promise<AuditStats> {
    return statsByUnit(ctx).load(unit.creditCode);
  }
}
