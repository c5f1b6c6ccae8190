import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Open } from '../../authz/sensitivity';

/** Teams are published inside their round; the name identifies a team within it, so republishing keeps team ids. */
@ObjectType({ description: 'Inspection team (巡察组) of a round' })
@Entity({ schema: 'inspection', name: 'inspection_team' })
@Unique(['roundId', 'name'])
export class InspectionTeam {
  @Open()
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @Open()
  @Field({ description: 'Name (组名), e.g. 第一巡察组' })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** Order within the round as published (第一组, 第二组, ...). */
  @Column({ type: 'int' })
  position: number;

  @Column({ name: 'leader_id', type: 'uuid' })
  leaderId: string;
}
