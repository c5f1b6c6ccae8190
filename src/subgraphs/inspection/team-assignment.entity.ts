import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A unit a team inspects in a round (巡察对象); one team per unit and round. */
@Entity({ schema: 'inspection', name: 'team_assignment' })
@Unique(['roundId', 'unitCreditCode'])
export class TeamAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @Index()
  @Column({ name: 'unit_credit_code', type: 'char', length: 18 })
  unitCreditCode: string;

  @Column({ type: 'int' })
  position: number;
}
