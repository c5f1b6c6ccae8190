import { Arg, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { catalog } from '../../authz/catalog';
import { MaskStrategy, Open, SharingClass } from '../../authz/sensitivity';
import { AgencyKind } from '../../common/agency';

@ObjectType({ description: 'One field of the shared data model with its sharing class (共享目录条目)' })
class CatalogField {
  @Open() @Field() typeName: string;
  @Open() @Field() fieldName: string;
  @Open() @Field({ description: 'Subgraph that resolves the field' }) subgraph: string;
  @Open() @Field(() => AgencyKind, { nullable: true, description: 'Agency kind owning the data; empty: hub administration' }) ownerAgencyKind: AgencyKind | null;
  @Open() @Field(() => SharingClass) sensitivity: SharingClass;
  @Open() @Field(() => MaskStrategy, { nullable: true, description: 'Mask used when a MASK grant names none' }) defaultMask: MaskStrategy | null;
  @Open() @Field(() => [String], { description: 'RESTRICTED fields: agency kinds that co-own it and read it like the owner' }) sharedWith: string[];
  @Open() @Field(() => [String], { description: 'RESTRICTED fields: roles inside the owning agency that read it; empty: every role (本单位可读角色)' }) ownerRoles: string[];
  @Open() @Field(() => String, { nullable: true }) description: string | null;
  @Open() @Field({ description: 'GraphQL type of the value' }) valueType: string;
}

@Resolver()
export class CatalogResolver {
  @Query(() => [CatalogField], { description: 'Every shared field with its owner, sharing class and default mask (共享目录)' })
  async catalog(
    @Arg('typeName', () => String, { nullable: true }) typeName: string | null,
    @Arg('sensitivity', () => SharingClass, { nullable: true }) sensitivity: SharingClass | null,
  ): Promise<CatalogField[]> {
    return (await catalog()).filter((e) => (!typeName || e.typeName === typeName) && (!sensitivity || e.sensitivity === sensitivity));
  }
}
