import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar } from '../../common/scalars';
import type { InspectedUnit } from './unit.entity';
import { Open } from '../../authz/sensitivity';

@ObjectType({ description: 'A past or current post of a cadre (任职经历)' })
@Entity({ schema: 'organization', name: 'cadre_posting' })
export class CadrePosting {
  @Open()
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'cadre_id', type: 'uuid' })
  cadreId: string;

  /** The unit by credit code, so postings may name units the hub does not (yet) hold. */
  @Open()
  @Field({ description: '统一社会信用代码 of the unit served in' })
  @Column({ name: 'unit_credit_code', type: 'char', length: 18 })
  unitCreditCode: string;

  @Open()
  @Field({ description: 'Unit name at the time (单位名称)' })
  @Column({ name: 'unit_name', type: 'varchar', length: 200 })
  unitName: string;

  @Open()
  @Field({ description: 'Post (职务)' })
  @Column({ type: 'varchar', length: 100 })
  post: string;

  @Open()
  @Field(() => DateScalar)
  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Open()
  @Field(() => DateScalar, { nullable: true, description: 'Empty while the post is held' })
  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;

  unit?: InspectedUnit;
}
