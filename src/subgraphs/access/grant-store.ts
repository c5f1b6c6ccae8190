import type { EntityManager } from 'typeorm';
import { bulkInsert } from '../../db/bulk-insert';
import { GrantChange, GrantChangeAction } from './grant-change.entity';
import { Grant } from './grant.entity';

const snapshot = (g: Grant): Record<string, unknown> => JSON.parse(JSON.stringify(g));

type NewGrant = Omit<Grant, 'id' | 'createdAt' | 'revokedAt' | 'revokedBy'>;

/**
 * Every grant change goes through here, so none escapes the history (授权变更记录).
 * Writes are batched: a round with hundreds of answered requests costs a few
 * statements, not a few per grant.
 */
async function recordChanges(m: EntityManager, changes: { grant: Grant; action: GrantChangeAction; by: string; before: Grant | null }[]): Promise<void> {
  if (!changes.length) return;
  await bulkInsert(
    m,
    GrantChange,
    changes.map((c) => ({ grantId: c.grant.id, action: c.action, changedBy: c.by, before: c.before ? snapshot(c.before) : null, after: snapshot(c.grant) })),
  );
}

export async function recordGrantChange(m: EntityManager, grant: Grant, action: GrantChangeAction, by: string, before: Grant | null): Promise<void> {
  await recordChanges(m, [{ grant, action, by, before }]);
}

/** Inserts grants (one statement) and their CREATE history (one more). */
export async function insertGrants(m: EntityManager, values: NewGrant[]): Promise<Grant[]> {
  if (!values.length) return [];
  const repo = m.getRepository(Grant);
  const result = await repo.insert(values.map((v) => repo.create(v)));
  const grants = values.map((v, i) => repo.create({ ...v, ...result.identifiers[i], ...result.generatedMaps[i], revokedAt: null, revokedBy: null }));
  await recordChanges(m, grants.map((g) => ({ grant: g, action: GrantChangeAction.CREATE, by: g.createdBy, before: null })));
  return grants;
}

export async function insertGrant(m: EntityManager, values: NewGrant): Promise<Grant> {
  return (await insertGrants(m, [values]))[0];
}

/**
 * Applies one change to the live grants among `ids` — locked, updated in one
 * statement, history written in one more — and returns them as changed.
 */
async function changeGrants(m: EntityManager, ids: string[], action: GrantChangeAction, by: string, change: Partial<Grant>, onlyIf = 'TRUE', params: Record<string, unknown> = {}): Promise<Grant[]> {
  if (!ids.length) return [];
  const repo = m.getRepository(Grant);
  const grants = await repo.createQueryBuilder('g').setLock('pessimistic_write').where(`g.id = ANY(:ids) AND g.revoked_at IS NULL AND ${onlyIf}`, { ids, ...params }).getMany();
  if (!grants.length) return [];
  await repo.createQueryBuilder().update().set(change).whereInIds(grants.map((g) => g.id)).execute();
  const changed = grants.map((g) => ({ before: { ...g }, grant: Object.assign(g, change) }));
  await recordChanges(m, changed.map((c) => ({ grant: c.grant, action, by, before: c.before })));
  return changed.map((c) => c.grant);
}

/** Ends grants now, with their history. */
export function revokeGrants(m: EntityManager, ids: string[], by: string): Promise<Grant[]> {
  return changeGrants(m, ids, GrantChangeAction.REVOKE, by, { revokedAt: new Date(), revokedBy: by });
}

/** Moves the end of grants (their round moved its end date). */
export function rescheduleGrants(m: EntityManager, ids: string[], validTo: Date, by: string): Promise<Grant[]> {
  return changeGrants(m, ids, GrantChangeAction.RESCHEDULE, by, { validTo }, 'g.valid_to IS DISTINCT FROM :validTo', { validTo });
}
