import { In, IsNull, type EntityManager } from 'typeorm';
import { AgencyKind } from '../../common/agency';
import { chinaDate } from '../../common/dates';
import { bulkInsert } from '../../db/bulk-insert';
import { DataRequest, DataRequestStatus, RoundPlan, StandingApproval } from './data-request.entity';
import { approveAll, catalogueByProvider, grantEnd, reschedule, standingCover, withdraw, type Answer } from './data-request.workflow';
import { PrincipalTie, TeamMembership, TieKind } from './principal-context.entity';

/** A round as the inspection subgraph holds it after publishing; members are those with a hub login. */
export interface RoundState {
  id: string;
  name: string;
  status: string;
  startDate: string;
  endDate: string;
  teams: {
    id: string;
    name: string;
    unitCreditCodes: string[];
    members: { principalId: string; homeRegionCode: string; currentEmployerCreditCode?: string | null; pastEmployerCreditCodes: string[] }[];
  }[];
}

export interface AlignmentSettings {
  rectificationWindowDays: number;
  dataRequestDueDays: number;
}

const LEGAL_BASIS = '《中国共产党巡视工作条例》及本级巡察工作协作配合机制';

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Brings access in line with published rounds: team memberships, recusal ties from
 * the talent pool, one data request per (team, unit, provider agency), standing
 * approvals applied, grants moved with the round's end or withdrawn with the round or
 * the unit. Running it again with the same rounds changes nothing. Returns the
 * number of requests opened.
 */
export async function alignRounds(m: EntityManager, rounds: RoundState[], by: string, settings: AlignmentSettings): Promise<number> {
  const providers = await catalogueByProvider(m);
  const standing = await m.getRepository(StandingApproval).find({ where: { revokedAt: IsNull() }, order: { createdAt: 'ASC' } });
  const wantedPrincipals = rounds.flatMap((r) => r.teams.flatMap((t) => t.members.map((x) => x.principalId)));
  // Only the inspection office's own people serve on its teams: a talent-pool entry naming anyone else's login gives that login nothing.
  const known = new Set<string>(
    (
      await m.query(
        `SELECT p.id FROM access.principal p JOIN access.agency a ON a.id = p.agency_id WHERE p.id = ANY($1::uuid[]) AND a.kind = $2`,
        [wantedPrincipals, AgencyKind.INSPECTION_OFFICE],
      )
    ).map((p: { id: string }) => p.id),
  );
  let opened = 0;
  for (const round of rounds) {
    // Two alignments of the same round (two publishes at once) take turns instead of colliding on the unique keys.
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`round-alignment:${round.id}`]);
    await m.getRepository(RoundPlan).save({ id: round.id, name: round.name, status: round.status, startDate: round.startDate, endDate: round.endDate, syncedAt: new Date() });
    const existing = await m.getRepository(DataRequest).find({ where: { roundId: round.id }, lock: { mode: 'pessimistic_write' } });
    await m.getRepository(TeamMembership).delete({ roundId: round.id });
    if (round.status === 'CANCELLED') {
      await withdraw(m, existing, by);
      continue;
    }
    const validTo = grantEnd(round.endDate, settings.rectificationWindowDays);
    const wanted = new Set(round.teams.flatMap((t) => t.unitCreditCodes.map((u) => `${t.id}|${u}`)));
    await withdraw(
      m,
      existing.filter((r) => !wanted.has(`${r.teamId}|${r.unitCreditCode}`)),
      by,
    );
    await reschedule(m, existing.filter((r) => wanted.has(`${r.teamId}|${r.unitCreditCode}`)), validTo, by);

    const today = chinaDate();
    const due = [round.startDate, addDays(today, settings.dataRequestDueDays)].sort()[0];
    const dueDate = due < today ? today : due;
    // A unit given back to its team (or a cancelled round restored) is asked again: its withdrawn requests reopen.
    const reopened = existing.filter((r) => r.status === DataRequestStatus.WITHDRAWN && wanted.has(`${r.teamId}|${r.unitCreditCode}`));
    for (const r of reopened) {
      Object.assign(r, { status: DataRequestStatus.PENDING, approved: [], decidedAt: null, decidedBy: null, standingApprovalId: null, withdrawnAt: null, withdrawnBy: null, dueDate });
      await m.getRepository(DataRequest).save(r);
    }
    const have = new Set(existing.map((r) => `${r.teamId}|${r.unitCreditCode}|${r.providerAgencyId}`));
    const rows: Partial<DataRequest>[] = [];
    for (const team of round.teams) {
      for (const unit of team.unitCreditCodes) {
        for (const p of providers) {
          if (have.has(`${team.id}|${unit}|${p.agencyId}`)) continue;
          rows.push({
            roundId: round.id,
            roundName: round.name,
            teamId: team.id,
            teamName: team.name,
            unitCreditCode: unit,
            providerAgencyId: p.agencyId,
            providerAgencyKind: p.agencyKind,
            providerAgencyName: p.agencyName,
            items: p.items,
            purpose: `${round.name}：${team.name}巡前了解被巡察单位（${unit}）有关情况`,
            legalBasis: LEGAL_BASIS,
            dueDate,
            status: DataRequestStatus.PENDING,
            requestedBy: by,
            approved: [],
          });
        }
      }
    }
    const ids = await bulkInsert(m, DataRequest, rows);
    opened += ids.length;
    // Standing approvals answer at once (what used to take weeks of letters) — unless the round and its window are already over.
    const open = [...reopened, ...rows.map((row, i) => ({ ...(row as DataRequest), id: ids[i] }))];
    const answers: Answer[] = [];
    for (const request of validTo > new Date() ? open : []) {
      const cover = standingCover(
        request.items,
        standing.filter((s) => s.agencyId === request.providerAgencyId),
      );
      if (cover) answers.push({ request, choices: cover.choices, by: cover.approval.createdBy, standing: cover.approval });
    }
    await approveAll(m, answers, validTo);
    await alignTeams(m, round, validTo, known);
  }
  return opened;
}

/** Members see their team's units while the round and its window last; their ties come from the talent pool. */
async function alignTeams(m: EntityManager, round: RoundState, validTo: Date, known: Set<string>): Promise<void> {
  const members = round.teams.flatMap((t) => t.members.filter((x) => known.has(x.principalId)).map((x) => ({ team: t, member: x })));
  await bulkInsert(
    m,
    TeamMembership,
    members.map(({ team, member }) => ({ principalId: member.principalId, teamId: team.id, roundId: round.id, validFrom: new Date(), validTo, unitCreditCodes: team.unitCreditCodes })),
  );
  const ids = [...new Set(members.map((x) => x.member.principalId))];
  if (!ids.length) return;
  await m.getRepository(PrincipalTie).delete({ principalId: In(ids), source: 'TALENT_POOL' });
  const ties = members.flatMap(({ member }) => [
    { principalId: member.principalId, kind: TieKind.HOME_REGION, code: member.homeRegionCode.slice(0, 6), source: 'TALENT_POOL' },
    ...(member.currentEmployerCreditCode ? [{ principalId: member.principalId, kind: TieKind.CURRENT_EMPLOYER, code: member.currentEmployerCreditCode, source: 'TALENT_POOL' }] : []),
    ...member.pastEmployerCreditCodes.map((code) => ({ principalId: member.principalId, kind: TieKind.PAST_EMPLOYER, code, source: 'TALENT_POOL' })),
  ]);
  await bulkInsert(m, PrincipalTie, [...new Map(ties.map((t) => [`${t.principalId}|${t.kind}|${t.code}`, t])).values()]);
}
