import { FieldResolver, Resolver, Root } from 'type-graphql';
import { PublicOpinionItem } from './public-opinion.entity';
import { UnitRef } from './refs';
import { Open } from '../../authz/sensitivity';

@Resolver(() => PublicOpinionItem)
export class PublicOpinionResolver {
  @Open()
  @FieldResolver(() => UnitRef, {
    nullable: true,
    description: 'Unit the item is about (涉及单位)' + '; null when the organisation department has not published that unit',
  })
  unit(@Root() item: PublicOpinionItem): UnitRef {
    return { creditCode: item.unitCreditCode };
  }
}
