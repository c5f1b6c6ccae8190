import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, Unique } from 'typeorm';
import { Conditional, Open, SharingClass } from '../../authz/sensitivity';
import { PublishedRecord } from '../../common/published';
import { DateScalar } from '../../common/scalars';
import { SanctionKind, SanctionLevel } from './enums';
import { Records } from '../../authz/records';

@Records(SharingClass.CONDITIONAL, 'unitCreditCode')
@ObjectType({ description: 'Party or government disciplinary sanction of a cadre (党纪政务处分)' })
@Entity({ schema: 'discipline', name: 'sanction' })
@Unique(['sourceAgencyId', 'externalId'])
@Index(['unitCreditCode', 'decidedDate'])
export class Sanction extends PublishedRecord {
  /** Resolved as `cadre`. */
  @Index()
  @Column({ name: 'cadre_id', type: 'uuid' })
  cadreId: string;

  /** Resolved as `unit`: where the cadre served when sanctioned. */
  @Column({ name: 'unit_credit_code', type: 'char', length: 18 })
  unitCreditCode: string;

  @Open()
  @Field(() => SanctionKind, { description: 'Party or government sanction (处分类别)' })
  @Column({ type: 'varchar', length: 20 })
  kind: SanctionKind;

  @Open()
  @Field(() => SanctionLevel, { description: 'Sanction level (处分种类)' })
  @Column({ type: 'varchar', length: 30 })
  level: SanctionLevel;

  @Open()
  @Field(() => DateScalar, { description: 'Date of the decision (处分决定日期)' })
  @Column({ name: 'decided_date', type: 'date' })
  decidedDate: string;

  @Field(() => String, { nullable: true, description: 'Reason, the violation found (处分事由) — CONDITIONAL' })
  @Conditional()
  @Column({ type: 'varchar', length: 1000 })
  reason: string;
}
