import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, Unique } from 'typeorm';
import { PublishedRecord } from '../../common/published';
import { UnitKind } from './enums';
import { Open } from '../../authz/sensitivity';

@ObjectType({ description: 'Inspected unit (被巡察单位): the entity every agency extends' })
@Directive('@key(fields: "id")')
@Directive('@key(fields: "creditCode")')
@Entity({ schema: 'organization', name: 'inspected_unit' })
@Unique(['sourceAgencyId', 'externalId'])
export class InspectedUnit extends PublishedRecord {
  @Open()
  @Field({ description: '统一社会信用代码 (unified social credit code), 18 characters' })
  @Index({ unique: true })
  @Column({ name: 'credit_code', type: 'char', length: 18 })
  creditCode: string;

  @Open()
  @Field({ description: 'Name (单位名称)' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Open()
  @Field(() => UnitKind)
  @Column({ type: 'varchar', length: 40 })
  kind: UnitKind;

  @Index()
  @Column({ name: 'region_code', type: 'varchar', length: 12 })
  regionCode: string;

  @Index()
  @Column({ name: 'parent_unit_id', type: 'uuid', nullable: true })
  parentUnitId: string | null;

  /** The parent as published; parent_unit_id is derived from it after each batch. */
  @Column({ name: 'parent_credit_code', type: 'char', length: 18, nullable: true })
  parentCreditCode: string | null;

  @Open()
  @Field(() => Int, { nullable: true, description: 'Authorised headcount (核定编制数)' })
  @Column({ name: 'authorised_headcount', type: 'int', nullable: true })
  authorisedHeadcount: number | null;

  @Open()
  @Field(() => Int, { nullable: true, description: 'Actual headcount (实有人数)' })
  @Column({ name: 'actual_headcount', type: 'int', nullable: true })
  actualHeadcount: number | null;
}
