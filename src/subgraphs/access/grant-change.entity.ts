import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Open } from '../../authz/sensitivity';

export enum GrantChangeAction {
  CREATE = 'CREATE',
  NARROW = 'NARROW',
  REVOKE = 'REVOKE',
  /** The round a data-request grant serves moved its end date (and with it the grant's). */
  RESCHEDULE = 'RESCHEDULE',
}
registerEnumType(GrantChangeAction, { name: 'GrantChangeAction', description: 'What changed a grant (授权变更)' });

/** Every change of a grant: who, when, the grant before and after. Never updated. */
@ObjectType({ description: 'A change of a grant (授权变更记录)' })
@Entity({ schema: 'access', name: 'grant_change' })
export class GrantChange {
  @Open()
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Open()
  @Field(() => ID)
  @Index()
  @Column({ name: 'grant_id', type: 'uuid' })
  grantId: string;

  @Open()
  @Field(() => GrantChangeAction)
  @Column({ type: 'varchar', length: 10 })
  action: GrantChangeAction;

  @Open()
  @Field(() => ID)
  @Column({ name: 'changed_by', type: 'uuid' })
  changedBy: string;

  @Open()
  @Field()
  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;

  @Open()
  @Field(() => GraphQLJSONObject, { nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Open()
  @Field(() => GraphQLJSONObject)
  @Column({ type: 'jsonb' })
  after: Record<string, unknown>;
}
