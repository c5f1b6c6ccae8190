import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { RegionLevel } from './enums';
import { Open } from '../../authz/sensitivity';

@ObjectType({ description: 'Administrative region (行政区划) with its division code' })
@Entity({ schema: 'organization', name: 'region' })
export class Region {
  @Open()
  @Field({ description: '行政区划代码: 6 digits (city, district), 9 (township) or 12 (village)' })
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code: string;

  @Open()
  @Field({ description: 'Name (名称)' })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Open()
  @Field(() => RegionLevel)
  @Column({ type: 'varchar', length: 20 })
  level: RegionLevel;

  @Open()
  @Field(() => String, { nullable: true, description: 'Code of the enclosing region' })
  @Index()
  @Column({ name: 'parent_code', type: 'varchar', length: 12, nullable: true })
  parentCode: string | null;

  /** Codes from the city down to this region, '/'-separated: subtree filters are one LIKE. */
  @Index()
  @Column({ type: 'varchar', length: 200 })
  path: string;
}
