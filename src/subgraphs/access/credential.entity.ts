import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Open } from '../../authz/sensitivity';

/**
 * A person's console password (登录密码), kept apart from the principal so that the
 * principal row (read on every request) never carries it. Only the scrypt hash is
 * stored (see credentials.ts); agency systems have none and use API keys.
 */
@Entity({ schema: 'access', name: 'principal_credential' })
export class PrincipalCredential {
  @PrimaryColumn({ name: 'principal_id', type: 'uuid' })
  principalId: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

/**
 * A signed-in browser (会话). The cookie holds a random token; only its SHA-256 is
 * stored, so a copy of this table opens no session. A session ends at logout, after
 * the idle timeout, or at its absolute expiry, whichever comes first.
 */
@Entity({ schema: 'access', name: 'console_session' })
export class ConsoleSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Index()
  @Column({ name: 'principal_id', type: 'uuid' })
  principalId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;
}

export enum SignInOutcome {
  SUCCESS = 'SUCCESS',
  FAILURE = 'FAILURE',
  LOCKED_OUT = 'LOCKED_OUT',
  LOGOUT = 'LOGOUT',
  PASSWORD_SET = 'PASSWORD_SET',
  PASSWORD_CHANGED = 'PASSWORD_CHANGED',
  API_KEY_SET = 'API_KEY_SET',
  ROLES_CHANGED = 'ROLES_CHANGED',
  DEACTIVATED = 'DEACTIVATED',
  ACTIVATED = 'ACTIVATED',
}
registerEnumType(SignInOutcome, {
  name: 'SignInOutcome',
  description: 'What happened at a sign-in (登录结果)',
  valuesConfig: {
    SUCCESS: { description: '登录成功' },
    FAILURE: { description: '密码错误或账号不存在 (wrong password, unknown or inactive login)' },
    LOCKED_OUT: { description: '账号已锁定，拒绝登录 (refused without checking the password)' },
    LOGOUT: { description: '退出登录' },
    PASSWORD_SET: { description: '密码由管理员设置 (also lifts a lock-out)' },
    PASSWORD_CHANGED: { description: '本人修改密码 (also lifts a lock-out)' },
    API_KEY_SET: { description: '接口密钥由管理员签发或重置 (agency systems)' },
    ROLES_CHANGED: { description: '角色由管理员调整' },
    DEACTIVATED: { description: '账号被管理员停用 (its sessions end)' },
    ACTIVATED: { description: '账号被管理员启用' },
  },
});

/**
 * The sign-in log (登录日志): every attempt, success, lock-out, logout and password
 * reset, with where it came from. Append-only: the database refuses UPDATE, DELETE
 * and TRUNCATE (migration triggers). Lock-out is computed from it, so the log and
 * the lock can never disagree.
 */
@ObjectType('SignInEvent', { description: 'A sign-in event (登录日志): who, when, from where, with what outcome' })
@Entity({ schema: 'access', name: 'sign_in_event' })
@Index(['login', 'at'])
export class SignInEvent {
  @Open()
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Open()
  @Field(() => GraphQLDateTimeISO)
  @Index()
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Open()
  @Field({ description: 'Login name as typed (登录名), also for unknown logins' })
  @Column({ type: 'varchar', length: 60 })
  login: string;

  @Open()
  @Field(() => ID, { nullable: true, description: 'The principal, when the login exists' })
  @Index()
  @Column({ name: 'principal_id', type: 'uuid', nullable: true })
  principalId: string | null;

  @Open()
  @Field(() => SignInOutcome)
  @Column({ type: 'varchar', length: 20 })
  outcome: SignInOutcome;

  @Open()
  @Field(() => String, { nullable: true, description: 'Client address (来源地址)' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Open()
  @Field(() => String, { nullable: true, description: 'Browser (User-Agent), shortened' })
  @Column({ name: 'user_agent', type: 'varchar', length: 200, nullable: true })
  userAgent: string | null;

  @Open()
  @Field(() => ID, { nullable: true, description: 'The admin who set the password or API key, changed the roles or (de)activated the account' })
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;
}
