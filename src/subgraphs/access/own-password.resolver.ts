import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { badInput, forbidden } from '../../common/errors';
import type { SubgraphContext } from '../types';
import { SignInEvent, SignInOutcome } from './credential.entity';
import { assertPasswordAcceptable, lockLogin, recentFailures, setPassword, verifyPassword } from './credentials';
import { Principal, PrincipalKind } from './principal.entity';

/**
 * A signed-in person changes their own password (修改密码). The current password is
 * asked for, so a borrowed session alone cannot take the account over; a wrong one
 * counts toward the same lock-out as a failed sign-in (and is logged as one), so this
 * is no way around it. Every session of the person ends, this one included.
 */
@Resolver()
export class OwnPasswordResolver {
  @Mutation(() => Boolean, {
    description: 'Change your own console password (修改密码): the current one is checked and counts toward the lock-out; all your sessions end, sign in again',
  })
  async changeOwnPassword(@Arg('currentPassword') currentPassword: string, @Arg('newPassword') newPassword: string, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    const me = await ctx.ds.getRepository(Principal).findOneBy({ id: ctx.identity.principalId });
    if (!me || me.kind !== PrincipalKind.USER) throw badInput('Agency systems sign in with API keys, not passwords', { argument: 'currentPassword' });
    if (currentPassword.length > 200) throw badInput('当前密码不正确', { argument: 'currentPassword' });
    assertPasswordAcceptable(newPassword, me.login);
    if (newPassword === currentPassword) throw badInput('新密码不能与当前密码相同', { argument: 'newPassword' });
    const { maxFailures, lockMinutes } = ctx.config.console;
    const outcome = await ctx.ds.transaction(async (m) => {
      await lockLogin(m, me.login);
      if ((await recentFailures(m, me.login, lockMinutes)) >= maxFailures) return 'locked';
      const [row]: { password_hash: string }[] = await m.query('SELECT password_hash FROM access.principal_credential WHERE principal_id = $1', [me.id]);
      if (!row || !(await verifyPassword(currentPassword, row.password_hash))) {
        await m.getRepository(SignInEvent).insert({ login: me.login, principalId: me.id, outcome: SignInOutcome.FAILURE, actorId: me.id });
        return 'wrong';
      }
      await setPassword(m, me, newPassword, me.id, SignInOutcome.PASSWORD_CHANGED);
      return 'changed';
    });
    if (outcome === 'locked') throw forbidden(`登录失败次数过多，账号已锁定，请 ${lockMinutes} 分钟后再试或联系管理员重置密码`);
    if (outcome === 'wrong') throw badInput('当前密码不正确', { argument: 'currentPassword' });
    return true;
  }
}
