import type { EntityManager } from 'typeorm';
import { fieldsOf } from '../../authz/catalog';
import { GrantEffect, GrantScopeKind, GrantSubjectKind } from '../../authz/grant-types';
import { SharingClass, type MaskStrategy } from '../../authz/sensitivity';
import { AgencyKind, Role } from '../../common/agency';
import type { Identity } from '../../common/identity';
import { CollaborationEntry } from './collaboration.entity';
import { DataRequest, DataRequestStatus, type ApprovedItem, type RequestedItem, StandingApproval } from './data-request.entity';
import { insertGrants, rescheduleGrants, revokeGrants } from './grant-store';

const DAY = 86_400_000;

/** Grants from a round's requests last to the end of its last day (Beijing time) plus the rectification window. */
export function grantEnd(endDate: string, windowDays: number): Date {
  return new Date(Date.parse(`${endDate}T00:00:00+08:00`) + (1 + windowDays) * DAY);
}

/** Sees every data request: admins, and the inspection office's staff and officers (not its team members, who see their team's). */
export const isOffice = (identity: Identity) =>
  identity.roles.includes(Role.ADMIN) || identity.roles.includes(Role.INSPECTION_OFFICE) || (identity.agencyKind === AgencyKind.INSPECTION_OFFICE && identity.roles.includes(Role.AGENCY_OFFICER));

export interface ProviderItems {
  agencyId: string;
  agencyKind: AgencyKind;
  agencyName: string;
  items: RequestedItem[];
}

/**
 * What each provider agency is asked for in every round: the catalogue items that
 * name a type, with "all fields" spelled out as the CONDITIONAL fields the provider
 * owns — so an approval never covers another agency's fields.
 */
export async function catalogueByProvider(m: EntityManager): Promise<ProviderItems[]> {
  const entries = await m.getRepository(CollaborationEntry).find({ order: { providerAgencyKind: 'ASC', typeName: 'ASC', notes: 'ASC' } });
  const agencies: { id: string; kind: AgencyKind; name: string }[] = await m.query('SELECT id, kind, name FROM access.agency ORDER BY code');
  const out: ProviderItems[] = [];
  for (const agency of agencies) {
    const items: RequestedItem[] = [];
    for (const e of entries) {
      if (e.providerAgencyKind !== agency.kind || !e.typeName) continue;
      const fields = e.fields.length ? e.fields : await ownConditionalFields(e.typeName, agency.kind);
      if (fields.length) items.push({ entryId: e.id, typeName: e.typeName, fields, notes: e.notes });
    }
    if (items.length) out.push({ agencyId: agency.id, agencyKind: agency.kind, agencyName: agency.name, items });
  }
  return out;
}

export async function ownConditionalFields(typeName: string, kind: AgencyKind): Promise<string[]> {
  return [...(await fieldsOf(typeName)).values()].filter((f) => f.sensitivity === SharingClass.CONDITIONAL && f.ownerAgencyKind === kind).map((f) => f.fieldName);
}

export interface ApprovalChoice {
  typeName: string;
  fields: string[];
  effect: GrantEffect;
  maskStrategy: MaskStrategy | null;
}

export interface Answer {
  request: DataRequest;
  choices: ApprovalChoice[];
  by: string;
  standing: StandingApproval | null;
}

/**
 * Turns approvals into grants: one per type, for the request's team, on the
 * request's unit only, until the round's end plus the rectification window. All the
 * answers of a round go in a few statements, however many there are.
 */
export async function approveAll(m: EntityManager, answers: Answer[], validTo: Date): Promise<DataRequest[]> {
  if (!answers.length) return [];
  const now = new Date();
  const values = answers.flatMap((a) =>
    a.choices.map((c) => ({
      subjectKind: GrantSubjectKind.TEAM,
      subjectValue: a.request.teamId,
      typeName: c.typeName,
      fields: c.fields,
      effect: c.effect,
      maskStrategy: c.maskStrategy,
      scopeKind: GrantScopeKind.LISTED_UNITS,
      unitCreditCodes: [a.request.unitCreditCode],
      validFrom: now,
      validTo,
      purpose: `${a.request.roundName} · ${a.request.teamName}：巡前了解被巡察单位情况（协查请求）`,
      requestRef: a.request.id,
      createdBy: a.by,
    })),
  );
  const grants = await insertGrants(m, values);
  let next = 0;
  for (const a of answers) {
    const approved: ApprovedItem[] = a.choices.map((c) => ({ typeName: c.typeName, fields: c.fields, effect: c.effect, maskStrategy: c.maskStrategy, grantId: grants[next++].id }));
    Object.assign(a.request, { status: DataRequestStatus.APPROVED, decidedAt: now, decidedBy: a.by, approved, standingApprovalId: a.standing?.id ?? null });
  }
  await m.query(
    `UPDATE access.data_request r SET status = $1, decided_at = $2, decided_by = u.by, approved = u.approved, standing_approval_id = u.standing
       FROM unnest($3::uuid[], $4::uuid[], $5::jsonb[], $6::uuid[]) AS u(id, by, approved, standing) WHERE r.id = u.id`,
    [
      DataRequestStatus.APPROVED,
      now,
      answers.map((a) => a.request.id),
      answers.map((a) => a.by),
      answers.map((a) => JSON.stringify(a.request.approved)),
      answers.map((a) => a.standing?.id ?? null),
    ],
  );
  return answers.map((a) => a.request);
}

export async function approve(m: EntityManager, request: DataRequest, choices: ApprovalChoice[], by: string, validTo: Date, standing: StandingApproval | null): Promise<DataRequest> {
  return (await approveAll(m, [{ request, choices, by, standing }], validTo))[0];
}

/**
 * Withdraws requests whose round was cancelled or whose unit left the team: pending
 * ones close, granted data stops at once; a decline stays on record as it was.
 */
export async function withdraw(m: EntityManager, requests: DataRequest[], by: string): Promise<number> {
  const open = requests.filter((r) => r.status === DataRequestStatus.PENDING || r.status === DataRequestStatus.APPROVED);
  if (!open.length) return 0;
  await revokeGrants(
    m,
    open.flatMap((r) => r.approved.map((a) => a.grantId)),
    by,
  );
  await m
    .getRepository(DataRequest)
    .createQueryBuilder()
    .update()
    .set({ status: DataRequestStatus.WITHDRAWN, withdrawnAt: () => 'now()', withdrawnBy: by })
    .whereInIds(open.map((r) => r.id))
    .execute();
  return open.length;
}

/** Moves the end of a round's live grants with the round's end date. */
export async function reschedule(m: EntityManager, requests: DataRequest[], validTo: Date, by: string): Promise<void> {
  const ids = requests.filter((r) => r.status === DataRequestStatus.APPROVED).flatMap((r) => r.approved.map((a) => a.grantId));
  await rescheduleGrants(m, ids, validTo, by);
}

/** A standing approval answers a request only when it covers every item asked for. */
export function standingCover(items: RequestedItem[], standing: StandingApproval[]): { choices: ApprovalChoice[]; approval: StandingApproval } | null {
  const choices: ApprovalChoice[] = [];
  let approval: StandingApproval | null = null;
  for (const item of items) {
    const s = standing.find((x) => x.entryId === item.entryId);
    if (!s) return null;
    approval ??= s;
    choices.push({ typeName: item.typeName, fields: item.fields, effect: s.effect, maskStrategy: s.maskStrategy });
  }
  return approval ? { choices, approval } : null;
}
