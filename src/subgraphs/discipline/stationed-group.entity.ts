import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { Conditional, Open } from '../../authz/sensitivity';
import { PublishedRecord } from '../../common/published';

@ObjectType({ description: 'Stationed discipline inspection and supervision group (派驻纪检监察组)' })
@Entity({ schema: 'discipline', name: 'stationed_group' })
@Unique(['sourceAgencyId', 'externalId'])
export class StationedGroup extends PublishedRecord {
  @Open()
  @Field({ description: 'Name (名称)' })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Open()
  @Field({ description: 'Group leader (组长)' })
  @Column({ name: 'leader_name', type: 'varchar', length: 50 })
  leaderName: string;

  @Field(() => String, { nullable: true, description: 'Supervision notes (监督工作情况) — CONDITIONAL' })
  @Conditional()
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /**
   * Hash of the supervised credit codes as published: a change in the list alone
   * then counts as an update of the group, and an identical list as unchanged.
   */
  @Column({ name: 'supervised_units_hash', type: 'char', length: 64 })
  supervisedUnitsHash: string;
}

/** Which units a group supervises, by credit code (the units live in organization). */
@Entity({ schema: 'discipline', name: 'stationed_group_unit' })
export class StationedGroupUnit {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @Index()
  @PrimaryColumn({ name: 'unit_credit_code', type: 'char', length: 18 })
  unitCreditCode: string;
}
