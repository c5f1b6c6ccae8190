import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { UUIDScalar } from '../../common/scalars';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Open } from '../../authz/sensitivity';
import { badInput } from '../../common/errors';
import { isUuid } from '../../common/loaders';
import { Connection, PageArgs, pageSize, rootPage, sql, type Page, type SqlPart } from '../../common/paging';
import type { SubgraphContext } from '../types';
import { principalById } from './names.resolver';
import { SignInEvent, SignInOutcome } from './credential.entity';
import { Principal } from './principal.entity';
import { requireAdmin } from './resolver';

@ObjectType('SignInEventConnection', { description: 'A page of the sign-in log, newest first' })
class SignInEventConnection extends Connection(SignInEvent) {}

@ArgsType()
class SignInEventArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Attempts with this login name (also unknown ones)' }) login?: string;
  @Field(() => UUIDScalar, { nullable: true }) principalId?: string;
  @Field(() => SignInOutcome, { nullable: true }) outcome?: SignInOutcome;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'From this time (inclusive)' }) from?: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Until this time (exclusive)' }) to?: Date;
}

/** The sign-in log and the audit chain check behind the console's audit screens; admins only. */
@Resolver(() => SignInEvent)
export class SignInResolver {
  @Query(() => SignInEventConnection, { description: 'The sign-in log (登录日志), newest first: admins only' })
  async signInEvents(@Args() args: SignInEventArgs, @Ctx() ctx: SubgraphContext): Promise<Page<SignInEvent>> {
    requireAdmin(ctx);
    const filters: SqlPart[] = [];
    if (args.login != null) filters.push(sql('t.login = $?', args.login.trim().toLowerCase()));
    if (args.principalId != null) {
      if (!isUuid(args.principalId)) throw badInput('principalId is not an id', { argument: 'principalId' });
      filters.push(sql('t.principal_id = $?::uuid', args.principalId));
    }
    if (args.outcome != null) filters.push(sql('t.outcome = $?', args.outcome));
    if (args.from) filters.push(sql('t.at >= $?', args.from));
    if (args.to) filters.push(sql('t.at < $?', args.to));
    return rootPage<SignInEvent>({ ds: ctx.ds, entity: SignInEvent, filters, sortColumn: 'at', first: pageSize(args.first, ctx.maxPageSize), after: args.after });
  }

  @Open()
  @FieldResolver(() => Principal, { nullable: true })
  principal(@Root() e: SignInEvent, @Ctx() ctx: SubgraphContext) {
    return e.principalId ? principalById(ctx).load(e.principalId) : null;
  }

  @Open()
  @FieldResolver(() => Principal, { nullable: true, description: 'The admin who made the change (操作人), for changes to the account' })
  actor(@Root() e: SignInEvent, @Ctx() ctx: SubgraphContext) {
    return e.actorId ? principalById(ctx).load(e.actorId) : null;
  }
}
