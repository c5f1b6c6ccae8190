import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { creditCodeProblem, regionCodeProblem, residentIdProblem } from '../../common/codes';
import { assertMayPublish, cadreRef, PublishResult, publishRecords, type FieldProblem, type Reference, BatchKeyArg, unitRef } from '../../common/publish';
import { dateOrderProblem, enumProblem, lengthProblem, pastDateProblem, problems, rangeProblem } from '../../common/validate';
import type { SubgraphContext } from '../types';
import { FindingCategory, FindingSeverity, InspectionKind, InspectionMode, PUBLISHABLE_RECTIFICATION_STATUSES, RectificationStatus, RoundStatus } from './enums';
import { InspectionFinding } from './finding.entity';
import { itemColumns, itemsHash, teamsHash } from './hashes';
import { Inspector } from './inspector.entity';
import { InspectionFindingInput, InspectionRoundInput, InspectorInput, RectificationItemInput } from './publish.inputs';
import { InspectionRound } from './round.entity';
import { syncRounds } from './round-sync';



/** Dates before the hub's records begin are typing errors (2002 for 2020), not history. */
const sinceProblem = (date: string | null | undefined) => (date && date < '2000-01-01' ? 'must not be before 2000-01-01' : null);

interface KnownInspector {
  id: string;
  external_id: string;
}

interface KnownRound {
  id: string;
  external_id: string;
  status: RoundStatus;
  start_date: string;
}

@Resolver()
export class InspectionPublishResolver {
  @Mutation(() => PublishResult, { description: 'Upsert members of the talent pool by external id (发布巡察人才库), all or nothing' })
  async publishInspectors(
    @Arg('records', () => [InspectorInput]) records: InspectorInput[],
    @BatchKeyArg() batchKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PublishResult> {
    return publishRecords(ctx, {
      kind: 'inspectors',
      entity: Inspector,
      batchKey,
      items: records,
      validate: (r) => [
        ...problems(
          ['name', lengthProblem(r.name, 1, 50)],
          ['skills', r.skills.length > 20 ? 'at most 20 skills' : null],
          ['homeRegionCode', regionCodeProblem(r.homeRegionCode)],
          ['currentEmployerCreditCode', r.currentEmployerCreditCode ? creditCodeProblem(r.currentEmployerCreditCode) : null],
          ['pastEmployerCreditCodes', r.pastEmployerCreditCodes.length > 20 ? 'at most 20 former employers' : null],
          ['residentId', residentIdProblem(r.residentId)],
        ),
        ...r.skills.flatMap((s, i) =>
          problems([`skills[${i}]`, lengthProblem(s, 1, 20) ?? (r.skills.indexOf(s) < i ? `repeats skills[${r.skills.indexOf(s)}]` : null)]),
        ),
        ...r.pastEmployerCreditCodes.flatMap((c, i) => problems([`pastEmployerCreditCodes[${i}]`, creditCodeProblem(c)])),
      ],
      toRow: (r) => ({
        name: r.name.trim(),
        skills: r.skills.map((s) => s.trim()),
        homeRegionCode: r.homeRegionCode,
        currentEmployerCreditCode: r.currentEmployerCreditCode ?? null,
        pastEmployerCreditCodes: r.pastEmployerCreditCodes,
        residentId: r.residentId,
        principalId: r.principalId ?? null,
      }),
    });
  }

  @Mutation(() => PublishResult, {
    description:
      'Upsert inspection rounds with their teams and assigned units by external id (发布巡察轮次), all or nothing. ' +
      'Opens a data request per (team, unit, provider agency) from the collaboration catalogue; a CANCELLED round withdraws them and their grants at once. ' +
      'To replace a member, publish the round again with the new team.',
  })
  async publishRounds(
    @Arg('records', () => [InspectionRoundInput]) records: InspectionRoundInput[],
    @BatchKeyArg() batchKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PublishResult> {
    const result = await this.saveRounds(records, batchKey, ctx);
    // After the commit, and on a replayed batch too: a retry is how a failed alignment is repaired.
    await syncRounds(ctx, records.map((r) => r.externalId));
    return result;
  }

  private async saveRounds(records: InspectionRoundInput[], batchKey: string | null, ctx: SubgraphContext): Promise<PublishResult> {
    assertMayPublish(ctx.identity, ctx.owner, 'rounds');
    const externalIds = [...new Set(records.flatMap((r) => r.teams.flatMap((t) => [t.leaderExternalId, ...t.memberExternalIds])))];
    const known: KnownInspector[] = await ctx.ds.query(
      `SELECT id, external_id FROM inspection.inspector
        WHERE source_agency_id = $1 AND external_id = ANY($2::text[])`,
      [ctx.identity.agencyId, externalIds],
    );
    const inspectors = new Map(known.map((i) => [i.external_id, i]));
    return publishRecords(ctx, {
      kind: 'rounds',
      entity: InspectionRound,
      batchKey,
      items: records,
      validate: (r) => validateRound(r, inspectors),
      references: (r) => r.teams.flatMap((t, ti) => t.unitCreditCodes.flatMap((code, ui) => unitRef(`teams[${ti}].unitCreditCodes[${ui}]`, code))),
      toRow: (r) => ({
        name: r.name.trim(),
        kind: r.kind,
        mode: r.mode,
        startDate: r.startDate,
        endDate: r.endDate,
        status: r.status,
        teamsHash: teamsHash(r.teams),
      }),
      after: (m, ids, items) => writeTeams(m, ids, items, inspectors),
    });
  }

  @Mutation(() => PublishResult, { description: 'Upsert findings with their rectification items by external id (发布巡察发现问题及整改事项), all or nothing' })
  async publishFindings(
    @Arg('records', () => [InspectionFindingInput]) records: InspectionFindingInput[],
    @BatchKeyArg() batchKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PublishResult> {
    assertMayPublish(ctx.identity, ctx.owner, 'findings');
    const known: KnownRound[] = await ctx.ds.query(
      `SELECT id, external_id, status, start_date FROM inspection.inspection_round WHERE source_agency_id = $1 AND external_id = ANY($2::text[])`,
      [ctx.identity.agencyId, [...new Set(records.map((r) => r.roundExternalId))]],
    );
    const rounds = new Map(known.map((r) => [r.external_id, r]));
    return publishRecords(ctx, {
      kind: 'findings',
      entity: InspectionFinding,
      batchKey,
      items: records,
      validate: (r) => validateFinding(r, rounds),
      references: findingReferences,
      toRow: (r) => ({
        roundId: rounds.get(r.roundExternalId)!.id,
        unitCreditCode: r.unitCreditCode,
        category: r.category,
        description: r.description.trim(),
        severity: r.severity,
        immediateRectification: r.immediateRectification,
        itemsHash: itemsHash(r.rectificationItems),
      }),
      after: writeItems,
    });
  }
}

function validateRound(r: InspectionRoundInput, inspectors: Map<string, KnownInspector>): FieldProblem[] {
  const out = problems(
    ['name', lengthProblem(r.name, 1, 200)],
    ['kind', enumProblem(r.kind, InspectionKind)],
    ['mode', enumProblem(r.mode, InspectionMode)],
    ['status', enumProblem(r.status, RoundStatus)],
    // A round is planned ahead; once under way its start, once completed its end, lies in the past.
    ['startDate', sinceProblem(r.startDate) ?? (r.status === RoundStatus.IN_PROGRESS || r.status === RoundStatus.COMPLETED ? pastDateProblem(r.startDate) : null)],
    ['endDate', dateOrderProblem(r.startDate, r.endDate, 'startDate') ?? (r.status === RoundStatus.COMPLETED ? pastDateProblem(r.endDate) : null)],
    ['teams', r.teams.length > 100 ? 'at most 100 teams per round' : null],
  );
  // Where each inspector and unit already appears in this round, to name the first place on a repeat.
  const serving = new Map<string, string>();
  const assigned = new Map<string, string>();
  const teamNames = new Map<string, number>();
  r.teams.forEach((t, ti) => {
    const at = `teams[${ti}]`;
    const name = t.name.trim();
    out.push(...problems([`${at}.name`, lengthProblem(t.name, 1, 100) ?? (teamNames.has(name) ? `repeats the name of teams[${teamNames.get(name)}]` : null)]));
    teamNames.set(name, ti);
    out.push(...problems([`${at}.memberExternalIds`, t.memberExternalIds.length > 30 ? 'at most 30 members per team' : null]));
    out.push(...problems([`${at}.unitCreditCodes`, t.unitCreditCodes.length > 100 ? 'at most 100 units per team' : null]));

    t.unitCreditCodes.forEach((code, ui) => {
      const field = `${at}.unitCreditCodes[${ui}]`;
      out.push(...problems([field, creditCodeProblem(code) ?? (assigned.has(code) ? `unit ${code} is already assigned at ${assigned.get(code)}` : null)]));
      if (!assigned.has(code)) assigned.set(code, field);
    });

    const people: [string, string][] = [[`${at}.leaderExternalId`, t.leaderExternalId], ...t.memberExternalIds.map((e, mi): [string, string] => [`${at}.memberExternalIds[${mi}]`, e])];
    for (const [field, externalId] of people) {
      const inspector = inspectors.get(externalId);
      let problem: string | null = null;
      if (!inspector) problem = `no inspector with external id ${externalId} in the talent pool; publish it with publishInspectors first`;
      else if (serving.has(externalId)) problem = `inspector ${externalId} already serves at ${serving.get(externalId)}`;
      // Ties to an inspected unit are not refused here: the team shows them as recusal flags (回避提示) for the office to resolve.
      if (problem) out.push({ field, message: problem });
      if (!serving.has(externalId)) serving.set(externalId, field);
    }
  });
  return out;
}

function validateFinding(f: InspectionFindingInput, rounds: Map<string, KnownRound>): FieldProblem[] {
  const round = rounds.get(f.roundExternalId);
  const roundProblem = !round
    ? `no round with external id ${f.roundExternalId}; publish it with publishRounds first`
    : round.status === RoundStatus.PLANNED || round.status === RoundStatus.CANCELLED
      ? `round ${f.roundExternalId} is ${round.status}: findings belong to rounds in progress or completed`
      : null;
  const out = problems(
    ['roundExternalId', roundProblem],
    ['unitCreditCode', creditCodeProblem(f.unitCreditCode)],
    ['category', enumProblem(f.category, FindingCategory)],
    ['severity', enumProblem(f.severity, FindingSeverity)],
    ['description', lengthProblem(f.description, 1, 4000)],
    ['rectificationItems', f.rectificationItems.length > 50 ? 'at most 50 items per finding' : null],
  );
  f.rectificationItems.forEach((item, i) => out.push(...validateItem(item, `rectificationItems[${i}]`, round?.start_date)));
  return out;
}

function findingReferences(f: InspectionFindingInput): Reference[] {
  return [
    ...unitRef('unitCreditCode', f.unitCreditCode),
    ...f.rectificationItems.flatMap((item, i) => [
      ...unitRef(`rectificationItems[${i}].responsibleUnitCreditCode`, item.responsibleUnitCreditCode),
      ...cadreRef(`rectificationItems[${i}].responsibleCadreId`, item.responsibleCadreId),
    ]),
  ];
}

function validateItem(item: RectificationItemInput, at: string, roundStart: string | undefined): FieldProblem[] {
  const verified = item.status === RectificationStatus.VERIFIED;
  const statusProblem =
    item.status === RectificationStatus.OVERDUE
      ? 'OVERDUE is derived from the deadline; publish OPEN or IN_PROGRESS'
      : enumProblem(item.status, PUBLISHABLE_RECTIFICATION_STATUSES);
  const verifiedProblem = verified
    ? pastDateProblem(item.verifiedDate) ?? dateOrderProblem(roundStart, item.verifiedDate, "the round's startDate")
    : item.verifiedDate
      ? 'only a VERIFIED item has a verifiedDate'
      : null;
  return problems(
    [`${at}.measures`, lengthProblem(item.measures, 1, 4000)],
    [`${at}.responsibleUnitCreditCode`, creditCodeProblem(item.responsibleUnitCreditCode)],
    [`${at}.deadline`, sinceProblem(item.deadline) ?? dateOrderProblem(roundStart, item.deadline, "the round's startDate")],
    [`${at}.status`, statusProblem],
    [`${at}.evidence`, item.evidence ? lengthProblem(item.evidence, 1, 4000) : verified ? 'a VERIFIED item needs its evidence (佐证材料)' : null],
    [`${at}.verifiedDate`, verifiedProblem],
    [`${at}.rulesEstablished`, rangeProblem(item.rulesEstablished, 0, 1000)],
  );
}

/** Rows whose children hash differs from what was last written; only those get their children rewritten. */
async function changedIds(m: EntityManager, table: string, column: string, ids: Map<string, string>): Promise<Set<string>> {
  const rows: { id: string }[] = await m.query(`SELECT id FROM inspection.${table} WHERE id = ANY($1::uuid[]) AND ${column}_hash IS DISTINCT FROM ${column}_written_hash`, [
    [...ids.values()],
  ]);
  return new Set(rows.map((r) => r.id));
}

/**
 * Teams keep their ids across republishing (matched by name within the round);
 * members and assignments of a changed round are replaced as a whole.
 */
async function writeTeams(m: EntityManager, ids: Map<string, string>, rounds: InspectionRoundInput[], inspectors: Map<string, KnownInspector>): Promise<void> {
  const changed = await changedIds(m, 'inspection_round', 'teams', ids);
  if (!changed.size) return;
  const roundIds = [...changed];
  const teams = rounds
    .filter((r) => changed.has(ids.get(r.externalId)!))
    .flatMap((r) => r.teams.map((t, position) => ({ roundId: ids.get(r.externalId)!, position, input: t, name: t.name.trim() })));

  await m.query(`DELETE FROM inspection.team_member WHERE round_id = ANY($1::uuid[])`, [roundIds]);
  await m.query(`DELETE FROM inspection.team_assignment WHERE round_id = ANY($1::uuid[])`, [roundIds]);
  await m.query(
    `DELETE FROM inspection.inspection_team t WHERE t.round_id = ANY($1::uuid[])
       AND NOT EXISTS (SELECT 1 FROM unnest($2::uuid[], $3::text[]) AS k(round_id, name) WHERE k.round_id = t.round_id AND k.name = t.name)`,
    [roundIds, teams.map((t) => t.roundId), teams.map((t) => t.name)],
  );
  if (teams.length) {
    const saved: { id: string; round_id: string; name: string }[] = await m.query(
      `INSERT INTO inspection.inspection_team (round_id, name, position, leader_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::uuid[])
       ON CONFLICT (round_id, name) DO UPDATE SET position = EXCLUDED.position, leader_id = EXCLUDED.leader_id
       RETURNING id, round_id, name`,
      [teams.map((t) => t.roundId), teams.map((t) => t.name), teams.map((t) => t.position), teams.map((t) => inspectors.get(t.input.leaderExternalId)!.id)],
    );
    const teamId = new Map(saved.map((s) => [`${s.round_id}|${s.name}`, s.id]));
    const members = teams.flatMap((t) =>
      t.input.memberExternalIds.map((e, position) => ({ teamId: teamId.get(`${t.roundId}|${t.name}`)!, roundId: t.roundId, inspectorId: inspectors.get(e)!.id, position })),
    );
    const units = teams.flatMap((t) =>
      t.input.unitCreditCodes.map((code, position) => ({ teamId: teamId.get(`${t.roundId}|${t.name}`)!, roundId: t.roundId, code, position })),
    );
    if (members.length) {
      await m.query(
        `INSERT INTO inspection.team_member (team_id, round_id, inspector_id, position) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[])`,
        [members.map((x) => x.teamId), members.map((x) => x.roundId), members.map((x) => x.inspectorId), members.map((x) => x.position)],
      );
    }
    if (units.length) {
      await m.query(
        `INSERT INTO inspection.team_assignment (team_id, round_id, unit_credit_code, position) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bpchar[], $4::int[])`,
        [units.map((x) => x.teamId), units.map((x) => x.roundId), units.map((x) => x.code), units.map((x) => x.position)],
      );
    }
  }
  await m.query(`UPDATE inspection.inspection_round SET teams_written_hash = teams_hash WHERE id = ANY($1::uuid[])`, [roundIds]);
}

/** Items keep their ids across republishing (matched by place in the list), for the rectification ledger. */
async function writeItems(m: EntityManager, ids: Map<string, string>, findings: InspectionFindingInput[]): Promise<void> {
  const changed = await changedIds(m, 'inspection_finding', 'items', ids);
  if (!changed.size) return;
  const findingIds = [...changed];
  const kept = findings.filter((f) => changed.has(ids.get(f.externalId)!));
  const rows = kept.flatMap((f) => f.rectificationItems.map((item, seq) => [ids.get(f.externalId)!, seq, ...itemColumns(item)] as const));
  await m.query(
    `DELETE FROM inspection.rectification_item i USING unnest($1::uuid[], $2::int[]) AS k(finding_id, n)
      WHERE i.finding_id = k.finding_id AND i.seq >= k.n`,
    [kept.map((f) => ids.get(f.externalId)!), kept.map((f) => f.rectificationItems.length)],
  );
  if (rows.length) {
    const column = (i: number) => rows.map((r) => r[i]);
    await m.query(
      `INSERT INTO inspection.rectification_item
         (finding_id, seq, measures, responsible_unit_credit_code, responsible_cadre_id, deadline, status, evidence, verified_date, rules_established)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::bpchar[], $5::uuid[], $6::date[], $7::text[], $8::text[], $9::date[], $10::int[])
       ON CONFLICT (finding_id, seq) DO UPDATE SET
         measures = EXCLUDED.measures, responsible_unit_credit_code = EXCLUDED.responsible_unit_credit_code,
         responsible_cadre_id = EXCLUDED.responsible_cadre_id, deadline = EXCLUDED.deadline, status = EXCLUDED.status,
         evidence = EXCLUDED.evidence, verified_date = EXCLUDED.verified_date, rules_established = EXCLUDED.rules_established`,
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(column),
    );
  }
  await m.query(`UPDATE inspection.inspection_finding SET items_written_hash = items_hash WHERE id = ANY($1::uuid[])`, [findingIds]);
}
