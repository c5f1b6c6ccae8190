import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AgencyKind } from '../../common/agency';

@ObjectType({ description: 'Member agency (成员单位) publishing and querying shared records' })
@Entity({ schema: 'access', name: 'agency' })
export class Agency {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Short code, unique (单位代码)' })
  @Column({ type: 'varchar', length: 40, unique: true })
  code: string;

  @Field({ description: 'Name (单位名称)' })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field(() => AgencyKind)
  @Column({ type: 'varchar', length: 40 })
  kind: AgencyKind;

  @Field({ description: '行政区划代码 of the jurisdiction' })
  @Column({ name: 'region_code', type: 'varchar', length: 12 })
  regionCode: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
