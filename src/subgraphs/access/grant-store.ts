import type { EntityManager } from 'typeorm';
import { GrantChange, GrantChangeAction } from './grant-change.entity';
import { Grant } from './grant.entity';

const snapshot = (g: Grant): Record<string, unknown> => JSON.parse(JSON.stringify(g));

/** Every grant change goes through here, so none escapes the history (授权变更记录). */
export async function recordGrantChange(m: EntityManager, grant: Grant, action: GrantChangeAction, by: string, before: Grant | null): Promise<void> {
  const change = m.getRepository(GrantChange).create({ grantId: grant.id, action, changedBy: by, before: before ? snapshot(before) : null, after: snapshot(grant) });
  await m.getRepository(GrantChange).save(change);
}

export async function insertGrant(m: EntityManager, values: Omit<Grant, 'id' | 'createdAt' | 'revokedAt' | 'revokedBy'>): Promise<Grant> {
  const grant = await m.getRepository(Grant).save(m.getRepository(Grant).create(values));
  await recordGrantChange(m, grant, GrantChangeAction.CREATE, values.createdBy, null);
  return grant;
}

export async function revokeGrants(m: EntityManager, ids: string[], by: string): Promise<void> {
  if (!ids.length) return;
  const grants = await m.getRepository(Grant).createQueryBuilder('g').setLock('pessimistic_write').where('g.id = ANY(:ids) AND g.revoked_at IS NULL', { ids }).getMany();
  for (const grant of grants) await revokeGrant(m, grant, by);
}

/** Ends a grant now, with its history entry. */
export async function revokeGrant(m: EntityManager, grant: Grant, by: string): Promise<Grant> {
  const before = { ...grant };
  grant.revokedAt = new Date();
  grant.revokedBy = by;
  await m.getRepository(Grant).save(grant);
  await recordGrantChange(m, grant, GrantChangeAction.REVOKE, by, before);
  return grant;
}
