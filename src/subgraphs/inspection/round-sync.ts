import type { SubgraphContext } from '../types';

interface PersonRow {
  round_id: string;
  team_id: string;
  principal_id: string;
  home_region_code: string;
  current_employer_credit_code: string | null;
  past_employer_credit_codes: string[];
}

const SYNC = `mutation($rounds: [RoundSyncInput!]!) { syncInspectionRounds(rounds: $rounds) }`;

/**
 * Tells access what the published rounds now are, so that it opens the data requests,
 * gives team members their units, derives their recusal ties from the talent pool,
 * and moves or withdraws grants with the round. Access is another subgraph (possibly
 * another service and database), so this goes through it, not through its tables.
 */
export async function syncRounds(ctx: SubgraphContext, externalIds: string[]): Promise<void> {
  const rounds: { id: string; name: string; status: string; start_date: string; end_date: string }[] = await ctx.ds.query(
    `SELECT id, name, status, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date
       FROM inspection.inspection_round WHERE source_agency_id = $1 AND external_id = ANY($2::text[])`,
    [ctx.identity.agencyId, externalIds],
  );
  if (!rounds.length) return;
  const ids = rounds.map((r) => r.id);
  const teams: { id: string; round_id: string; name: string; units: string[] }[] = await ctx.ds.query(
    `SELECT t.id, t.round_id, t.name, coalesce(array_agg(a.unit_credit_code::text ORDER BY a.position) FILTER (WHERE a.id IS NOT NULL), '{}') AS units
       FROM inspection.inspection_team t LEFT JOIN inspection.team_assignment a ON a.team_id = t.id
      WHERE t.round_id = ANY($1::uuid[]) GROUP BY t.id ORDER BY t.position`,
    [ids],
  );
  // Leader and members who have a hub login.
  const people: PersonRow[] = await ctx.ds.query(
    `SELECT p.round_id, p.team_id, i.principal_id, i.home_region_code, i.current_employer_credit_code, i.past_employer_credit_codes
       FROM (SELECT round_id, id AS team_id, leader_id AS inspector_id FROM inspection.inspection_team WHERE round_id = ANY($1::uuid[])
             UNION SELECT round_id, team_id, inspector_id FROM inspection.team_member WHERE round_id = ANY($1::uuid[])) p
       JOIN inspection.inspector i ON i.id = p.inspector_id
      WHERE i.principal_id IS NOT NULL`,
    [ids],
  );
  await ctx.callPeer('access', SYNC, {
    rounds: rounds.map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      startDate: r.start_date,
      endDate: r.end_date,
      teams: teams
        .filter((t) => t.round_id === r.id)
        .map((t) => ({
          id: t.id,
          name: t.name,
          unitCreditCodes: t.units.map((u) => u.trim()),
          members: people
            .filter((p) => p.team_id === t.id)
            .map((p) => ({
              principalId: p.principal_id,
              homeRegionCode: p.home_region_code,
              currentEmployerCreditCode: p.current_employer_credit_code?.trim() ?? null,
              pastEmployerCreditCodes: p.past_employer_credit_codes.map((c) => c.trim()),
            })),
        })),
    })),
  });
}
