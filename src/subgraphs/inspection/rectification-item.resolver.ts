import { chinaDate } from '../../common/dates';
import { FieldResolver, Resolver, Root } from 'type-graphql';
import { CadreRef, UnitRef, cadreRef, unitRef } from './refs';
import { RectificationItem } from './rectification-item.entity';
import { RectificationStatus } from './enums';
import { Open } from '../../authz/sensitivity';


export function effectiveStatus(item: Pick<RectificationItem, 'recordedStatus' | 'deadline' | 'commissionVerifiedAt'>, today = chinaDate()): RectificationStatus {
  if (item.commissionVerifiedAt) return RectificationStatus.VERIFIED;
  const open = item.recordedStatus === RectificationStatus.OPEN || item.recordedStatus === RectificationStatus.IN_PROGRESS;
  return open && item.deadline < today ? RectificationStatus.OVERDUE : item.recordedStatus;
}

@Resolver(() => RectificationItem)
export class RectificationItemResolver {
  @Open()
  @FieldResolver(() => RectificationStatus, { description: 'Status (整改状态); OVERDUE when the deadline has passed and the item is not done' })
  status(@Root() item: RectificationItem): RectificationStatus {
    return effectiveStatus(item);
  }

  @Open()
  @FieldResolver(() => UnitRef, {
    nullable: true,
    description: 'Unit responsible for the item (整改责任单位)' + '; null when the organisation department has not published that unit',
  })
  responsibleUnit(@Root() item: RectificationItem): UnitRef {
    return unitRef(item.responsibleUnitCreditCode);
  }

  @Open()
  @FieldResolver(() => CadreRef, { nullable: true, description: 'Cadre responsible for the item (整改责任人)' })
  responsibleCadre(@Root() item: RectificationItem): CadreRef | null {
    return cadreRef(item.responsibleCadreId);
  }
}
