import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** An inspector serving on a team (组员); an inspector serves on one team per round. */
@Entity({ schema: 'inspection', name: 'team_member' })
@Unique(['roundId', 'inspectorId'])
export class TeamMember {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @Index()
  @Column({ name: 'inspector_id', type: 'uuid' })
  inspectorId: string;

  @Column({ type: 'int' })
  position: number;
}
