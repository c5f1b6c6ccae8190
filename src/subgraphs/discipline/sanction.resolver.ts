import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Conditional, Open } from '../../authz/sensitivity';
import { CadreRef, UnitRef, cadreRef, unitRef } from './refs';
import { Sanction } from './sanction.entity';

@Resolver(() => Sanction)
export class SanctionResolver {
  @FieldResolver(() => CadreRef, { nullable: true, description: 'Cadre sanctioned (受处分人) — CONDITIONAL' })
  @Conditional()
  cadre(@Root() sanction: Sanction): CadreRef | null {
    return cadreRef(sanction.cadreId);
  }

  @Open()
  @FieldResolver(() => UnitRef, {
    nullable: true,
    description: 'Unit the cadre served in when sanctioned (所在单位)' + '; null when the organisation department has not published that unit',
  })
  unit(@Root() sanction: Sanction): UnitRef {
    return unitRef(sanction.unitCreditCode);
  }
}
