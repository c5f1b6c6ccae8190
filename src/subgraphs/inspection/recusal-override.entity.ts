import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * The office keeps a tied inspector on a team, with its reasons (回避例外说明).
 * It does not lift the read-time recusal: the inspector still sees none of the
 * unit's CONDITIONAL data. Never updated or deleted, so the decision stays on file.
 */
@Entity({ schema: 'inspection', name: 'recusal_override' })
@Unique(['teamId', 'inspectorId', 'unitCreditCode'])
export class RecusalOverride {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'team_id', type: 'uuid' }) teamId: string;
  @Column({ name: 'inspector_id', type: 'uuid' }) inspectorId: string;
  @Column({ name: 'unit_credit_code', type: 'char', length: 18 }) unitCreditCode: string;
  @Column({ type: 'text' }) justification: string;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
