import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Conditional, Open } from '../../authz/sensitivity';
import { ProblemClue } from './clue.entity';
import { CadreRef, UnitRef, cadreRef, unitRef } from './refs';

@Resolver(() => ProblemClue)
export class ClueResolver {
  @Open()
  @FieldResolver(() => UnitRef, {
    nullable: true,
    description: 'Unit the clue concerns (被反映单位)' + '; null when the organisation department has not published that unit',
  })
  subjectUnit(@Root() clue: ProblemClue): UnitRef {
    return unitRef(clue.unitCreditCode);
  }

  @FieldResolver(() => CadreRef, { nullable: true, description: 'Cadre the clue concerns (被反映人), when one is named — CONDITIONAL' })
  @Conditional()
  subjectCadre(@Root() clue: ProblemClue): CadreRef | null {
    return cadreRef(clue.subjectCadreId);
  }
}
