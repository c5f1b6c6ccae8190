import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AgencyKind } from '../../common/agency';
import { Open } from '../../authz/sensitivity';

@ObjectType({ description: 'Member agency (成员单位) publishing and querying shared records' })
@Entity({ schema: 'access', name: 'agency' })
export class Agency {
  @Open()
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Open()
  @Field({ description: 'Short code, unique (单位代码)' })
  @Column({ type: 'varchar', length: 40, unique: true })
  code: string;

  @Open()
  @Field({ description: 'Name (单位名称)' })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Open()
  @Field(() => AgencyKind)
  @Column({ type: 'varchar', length: 40 })
  kind: AgencyKind;

  @Open()
  @Field({ description: '行政区划代码 of the jurisdiction' })
  @Column({ name: 'region_code', type: 'varchar', length: 12 })
  regionCode: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
