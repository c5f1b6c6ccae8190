import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum TieKind {
  HOME_REGION = 'HOME_REGION',
  CURRENT_EMPLOYER = 'CURRENT_EMPLOYER',
  PAST_EMPLOYER = 'PAST_EMPLOYER',
}

/**
 * What ties a principal to units, for recusal (回避): a home region (6-digit code) or
 * an employer (credit code). Kept here, next to the principal, because the gateway
 * must know it for every request without asking another subgraph.
 */
@Entity({ schema: 'access', name: 'principal_tie' })
@Index(['principalId'])
export class PrincipalTie {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'principal_id', type: 'uuid' }) principalId: string;
  @Column({ type: 'varchar', length: 20 }) kind: TieKind;
  @Column({ type: 'varchar', length: 18 }) code: string;
  /** TALENT_POOL: derived from the inspection talent pool when a round is published (replaced each time); ADMIN: entered here. */
  @Column({ type: 'varchar', length: 20, default: 'ADMIN' }) source: string;
}

/** A principal's place on an inspection team for a round: the units it covers, while the round runs. */
@Entity({ schema: 'access', name: 'team_membership' })
@Index(['principalId'])
export class TeamMembership {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'principal_id', type: 'uuid' }) principalId: string;
  @Column({ name: 'team_id', type: 'varchar', length: 100 }) teamId: string;
  /** The published round it comes from (null: entered by hand, as the demo team is). */
  @Index()
  @Column({ name: 'round_id', type: 'uuid', nullable: true }) roundId: string | null;
  @Column({ name: 'valid_from', type: 'timestamptz' }) validFrom: Date;
  @Column({ name: 'valid_to', type: 'timestamptz' }) validTo: Date;
  @Column({ name: 'unit_credit_codes', type: 'text', array: true, default: '{}' }) unitCreditCodes: string[];
}

/**
 * Marks the demo seed: written when seeding starts, completed when it ends, so an
 * interrupted first start is recognised instead of leaving half a city for good.
 */
@Entity({ schema: 'access', name: 'seed_state' })
export class SeedState {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) scale: number;
  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' }) startedAt: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
}
