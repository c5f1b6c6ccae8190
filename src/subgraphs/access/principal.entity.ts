import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../../common/agency';
import { Open } from '../../authz/sensitivity';

export enum PrincipalKind {
  USER = 'USER',
  SYSTEM = 'SYSTEM',
}
registerEnumType(PrincipalKind, { name: 'PrincipalKind', description: 'A person (USER) or an agency system (SYSTEM)' });

@ObjectType({ description: 'Principal (主体): a person or an agency system acting for one agency' })
@Entity({ schema: 'access', name: 'principal' })
export class Principal {
  @Open()
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Open()
  @Field({ description: 'Login name, unique' })
  @Column({ type: 'varchar', length: 60, unique: true })
  login: string;

  @Open()
  @Field({ description: 'Display name (姓名或系统名称)' })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Open()
  @Field(() => PrincipalKind)
  @Column({ type: 'varchar', length: 10 })
  kind: PrincipalKind;

  @Index()
  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId: string;

  @Open()
  @Field(() => [Role])
  @Column({ type: 'text', array: true, default: '{}' })
  roles: Role[];

  /** SHA-256 of the API key (keys are 256-bit random, so a slow hash adds nothing). */
  @Index({ unique: true, where: 'api_key_hash IS NOT NULL' })
  @Column({ name: 'api_key_hash', type: 'char', length: 64, nullable: true })
  apiKeyHash: string | null;

  @Open()
  @Field()
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
