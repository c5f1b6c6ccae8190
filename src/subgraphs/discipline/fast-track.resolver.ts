import { Arg, Ctx, Directive, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { UUIDScalar } from '../../common/scalars';
import { AgencyKind } from '../../common/agency';
import { forbidden } from '../../common/errors';
import type { SubgraphContext } from '../types';
import { ProblemClue } from './clue.entity';
import { ClueSource, ClueStatus, DisposalMethod } from './enums';

@Directive('@inaccessible')
@InputType({ description: 'A fast-track clue as the inspection subgraph holds it after a commission step' })
class FastTrackMirrorInput {
  @Field(() => UUIDScalar) fastTrackClueId: string;
  @Field() unitCreditCode: string;
  @Field() summary: string;
  @Field() details: string;
  @Field() receivedDate: string;
  @Field(() => DisposalMethod, { nullable: true }) disposalMethod?: DisposalMethod | null;
  @Field(() => String, { nullable: true }) filedDate?: string | null;
  @Field(() => String, { nullable: true }) closedDate?: string | null;
}

/**
 * The commission's own ledger keeps every clue transferred through the fast track:
 * the inspection subgraph calls this on each commission step (hub-internal, `via`
 * inspection; @inaccessible to clients). Keyed by the fast-track clue, so repeating
 * a step changes nothing.
 */
@Resolver()
export class FastTrackMirrorResolver {
  @Directive('@inaccessible')
  @Mutation(() => ID, { description: 'Hub-internal: the problem clue a fast-track clue became, created or brought up to date' })
  async mirrorFastTrackClue(@Arg('clue', () => FastTrackMirrorInput) c: FastTrackMirrorInput, @Ctx() ctx: SubgraphContext): Promise<string> {
    if (ctx.identity.via !== 'inspection' || ctx.identity.agencyKind !== AgencyKind.DISCIPLINE_COMMISSION) throw forbidden('Only the fast track, for the discipline commission, writes here');
    const status = c.closedDate ? ClueStatus.CLOSED : c.filedDate ? ClueStatus.FILED : c.disposalMethod ? ClueStatus.DISPOSING : ClueStatus.RECEIVED;
    const repo = ctx.ds.getRepository(ProblemClue);
    const existing = await repo.findOneBy({ fastTrackClueId: c.fastTrackClueId });
    const clue = existing ?? repo.create({ fastTrackClueId: c.fastTrackClueId, sourceAgencyId: ctx.identity.agencyId, externalId: `XCLS-${c.fastTrackClueId}`, source: ClueSource.INSPECTION });
    Object.assign(clue, {
      unitCreditCode: c.unitCreditCode,
      // The fast-track clue's cadre and summary are RESTRICTED (team and commission); here subjectCadre and
      // summary are CONDITIONAL and grantable, so a copy would share what may never be shared. The cadre stays
      // on the fast-track clue the commission co-owns (fastTrackClueId); the text goes to the RESTRICTED details.
      subjectCadreId: null,
      summary: '巡察移交问题线索（内容见线索详情）',
      details: `${c.summary}\n\n${c.details}`,
      receivedDate: existing?.receivedDate ?? c.receivedDate,
      disposalMethod: c.disposalMethod ?? null,
      status,
      filedDate: c.filedDate ?? null,
      closedDate: c.closedDate ?? null,
    });
    return (await repo.save(clue)).id;
  }
}
