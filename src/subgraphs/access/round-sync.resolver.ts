import { Arg, Ctx, Directive, Field, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { UUIDScalar } from '../../common/scalars';
import { forbidden } from '../../common/errors';
import type { SubgraphContext } from '../types';
import { alignRounds } from './round-alignment';

@Directive('@inaccessible')
@InputType({ description: 'A team member who has a hub login, with what ties them to units (for recusal)' })
class MemberSyncInput {
  @Field(() => UUIDScalar) principalId: string;
  @Field() homeRegionCode: string;
  @Field(() => String, { nullable: true }) currentEmployerCreditCode?: string | null;
  @Field(() => [String]) pastEmployerCreditCodes: string[];
}

@Directive('@inaccessible')
@InputType()
class TeamSyncInput {
  @Field(() => UUIDScalar) id: string;
  @Field() name: string;
  @Field(() => [String]) unitCreditCodes: string[];
  @Field(() => [MemberSyncInput]) members: MemberSyncInput[];
}

@Directive('@inaccessible')
@InputType({ description: 'A round as the inspection subgraph holds it after publishing' })
class RoundSyncInput {
  @Field(() => UUIDScalar) id: string;
  @Field() name: string;
  @Field() status: string;
  @Field() startDate: string;
  @Field() endDate: string;
  @Field(() => [TeamSyncInput]) teams: TeamSyncInput[];
}

/**
 * Called by the inspection subgraph after it publishes rounds, never by clients
 * (the field is @inaccessible, so the gateway does not expose it, and it checks the
 * hub-internal `via` mark). See alignRounds for what it does.
 */
@Resolver()
export class RoundSyncResolver {
  @Directive('@inaccessible')
  @Mutation(() => Int, { description: 'Hub-internal: align access with published rounds; returns the number of requests opened' })
  syncInspectionRounds(@Arg('rounds', () => [RoundSyncInput]) rounds: RoundSyncInput[], @Ctx() ctx: SubgraphContext): Promise<number> {
    if (ctx.identity.via !== 'inspection') throw forbidden('Only the inspection subgraph aligns rounds');
    return ctx.ds.transaction((m) => alignRounds(m, rounds, ctx.identity.principalId, ctx.config));
  }
}
