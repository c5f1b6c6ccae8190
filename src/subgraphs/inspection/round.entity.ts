import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, Unique } from 'typeorm';
import { PublishedRecord } from '../../common/published';
import { DateScalar } from '../../common/scalars';
import { InspectionKind, InspectionMode, RoundStatus } from './enums';
import { Open } from '../../authz/sensitivity';

@ObjectType({ description: 'Inspection round (巡察轮次)' })
@Entity({ schema: 'inspection', name: 'inspection_round' })
@Unique(['sourceAgencyId', 'externalId'])
export class InspectionRound extends PublishedRecord {
  @Open()
  @Field({ description: 'Name (轮次名称), e.g. 2024年第一轮常规巡察' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Open()
  @Field(() => InspectionKind)
  @Column({ type: 'varchar', length: 20 })
  kind: InspectionKind;

  @Open()
  @Field(() => InspectionMode)
  @Column({ type: 'varchar', length: 20 })
  mode: InspectionMode;

  @Open()
  @Field(() => DateScalar, { description: 'Start of the on-site phase (进驻日期)' })
  @Index()
  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Open()
  @Field(() => DateScalar, { description: 'End of the on-site phase (撤离日期)' })
  @Column({ name: 'end_date', type: 'date' })
  endDate: string;

  @Open()
  @Field(() => RoundStatus)
  @Column({ type: 'varchar', length: 20 })
  status: RoundStatus;

  /** Hash of the published teams, and of the teams last written: teams are rewritten only when they differ. */
  @Column({ name: 'teams_hash', type: 'char', length: 64, nullable: true })
  teamsHash: string | null;

  @Column({ name: 'teams_written_hash', type: 'char', length: 64, nullable: true })
  teamsWrittenHash: string | null;
}
