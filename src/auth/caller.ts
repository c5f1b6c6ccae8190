import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { GrantScopeKind, GrantSubjectKind, type ActiveGrant, type GrantEffect } from '../authz/grant-types';
import type { MaskStrategy } from '../authz/sensitivity';
import type { AgencyKind, Role } from '../common/agency';
import { TieKind } from '../subgraphs/access/principal-context.entity';
import { unauthenticated } from '../common/errors';
import type { Identity } from '../common/identity';
import { isUuid } from '../common/loaders';
import { requestMemo } from '../common/request-scope';
import type { HubConfig } from '../config';
import { hashApiKey } from '../subgraphs/access/resolver';
import { verifyCallerToken } from '../gateway/tokens';

interface GrantRow {
  id: string;
  subject_kind: string;
  subject_value: string;
  type_name: string;
  fields: string[];
  effect: GrantEffect;
  mask_strategy: MaskStrategy | null;
  scope_kind: GrantScopeKind;
  unit_credit_codes: string[];
  valid_from: string;
  valid_to: string | null;
}

interface PrincipalRow {
  id: string;
  name: string;
  agency_id: string;
  kind: AgencyKind;
  roles: Role[];
  ties: { kind: string; code: string }[];
  team_units: string[];
  /** Units of each team the principal serves on now, by team id. */
  units_by_team: Record<string, string[]> | null;
  grants: GrantRow[];
}

/**
 * The caller, its agency, the grants that apply to it now, its recusal ties and its
 * team's units — in ONE statement, read fresh on every request. Nothing is cached,
 * so a grant change or revocation takes effect on the very next request in every
 * gateway process, with no invalidation to miss.
 */
const principalSql = (where: string) => `
  WITH p AS (
    SELECT p.id, p.name, p.agency_id, a.kind, p.roles
      FROM access.principal p JOIN access.agency a ON a.id = p.agency_id
     WHERE p.active AND ${where}
  ), tm AS (
    SELECT m.team_id, m.unit_credit_codes FROM access.team_membership m JOIN p ON m.principal_id = p.id
     WHERE m.valid_from <= now() AND m.valid_to > now()
  )
  SELECT p.*,
    (SELECT coalesce(json_agg(json_build_object('kind', t.kind, 'code', t.code)), '[]') FROM access.principal_tie t WHERE t.principal_id = p.id) AS ties,
    (SELECT coalesce(array_agg(DISTINCT u ORDER BY u), '{}') FROM tm, unnest(tm.unit_credit_codes) u) AS team_units,
    (SELECT json_object_agg(team_id, units) FROM (SELECT team_id, array_agg(DISTINCT u ORDER BY u) AS units FROM tm, unnest(tm.unit_credit_codes) u GROUP BY team_id) x) AS units_by_team,
    (SELECT coalesce(json_agg(g ORDER BY g.created_at), '[]') FROM access."grant" g
      WHERE g.revoked_at IS NULL AND g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now())
        AND (   (g.subject_kind = 'AGENCY' AND g.subject_value = p.agency_id::text)
             OR (g.subject_kind = 'PRINCIPAL' AND g.subject_value = p.id::text)
             OR (g.subject_kind = 'ROLE' AND g.subject_value = ANY (p.roles))
             OR (g.subject_kind = 'TEAM' AND g.subject_value IN (SELECT team_id FROM tm)))) AS grants
  FROM p`;

/**
 * TEAM_UNITS: a grant to a team covers that team's units only — someone on two teams
 * must not carry one team's grant over to the other's units; a grant to an agency,
 * role or person covers the units of every team the principal serves on.
 */
function toActiveGrant(g: GrantRow, p: PrincipalRow): ActiveGrant {
  const teamUnits = g.subject_kind === GrantSubjectKind.TEAM ? (p.units_by_team?.[g.subject_value] ?? []) : p.team_units;
  const units = g.scope_kind === GrantScopeKind.ALL_UNITS ? null : g.scope_kind === GrantScopeKind.LISTED_UNITS ? g.unit_credit_codes : teamUnits;
  return { id: g.id, typeName: g.type_name, fields: g.fields, effect: g.effect, mask: g.mask_strategy, units, validFrom: g.valid_from, validTo: g.valid_to };
}

/** Who the caller is and what applies to it now; the request id and `via` are added per request. */
export type Caller = Omit<Identity, 'requestId' | 'via'>;

/**
 * Resolves the caller from `Authorization: Bearer <jwt>` or `Authorization: ApiKey <key>`.
 * Every subgraph does this itself (issue 10: the data holder enforces), from the
 * credential the client sent, so no router in front has to be trusted with grants.
 * The principal, its grants, ties and team units are read fresh — in one statement —
 * so a deactivation or revocation takes effect on the very next request; within one
 * request the in-process subgraphs share that one read (the request's memo).
 */
export async function resolveCaller(authorization: string | undefined, accessDs: DataSource, config: HubConfig): Promise<Caller> {
  if (!authorization) throw unauthenticated('Send Authorization: Bearer <token> or Authorization: ApiKey <key>');
  const cache = requestMemo() as Map<string, Promise<Caller>> | undefined;
  const key = `caller:${createHash('sha256').update(authorization).digest('base64url')}`;
  let found = cache?.get(key);
  if (!found) {
    found = lookUp(authorization, accessDs, config);
    cache?.set(key, found);
  }
  return found;
}

async function lookUp(authorization: string, accessDs: DataSource, config: HubConfig): Promise<Caller> {
  const [scheme, credential] = authorization.trim().split(/\s+/, 2);
  let rows: PrincipalRow[];
  if (/^bearer$/i.test(scheme) && credential) {
    let principalId: string;
    try {
      principalId = await verifyCallerToken(config, credential);
    } catch {
      throw unauthenticated('Invalid or expired token');
    }
    if (!isUuid(principalId)) throw unauthenticated('Token subject is not a principal');
    rows = await accessDs.query(principalSql('p.id = $1'), [principalId]);
  } else if (/^apikey$/i.test(scheme) && credential) {
    rows = await accessDs.query(principalSql('p.api_key_hash = $1'), [hashApiKey(credential)]);
  } else {
    throw unauthenticated('Authorization must be "Bearer <token>" or "ApiKey <key>"');
  }
  const p = rows[0];
  if (!p) throw unauthenticated('Unknown or inactive principal');
  return {
    principalId: p.id,
    principalName: p.name,
    agencyId: p.agency_id,
    agencyKind: p.kind,
    roles: p.roles,
    grants: p.grants.map((g) => toActiveGrant(g, p)),
    recusal: {
      units: p.ties.filter((t) => t.kind !== TieKind.HOME_REGION).map((t) => t.code),
      regions: p.ties.filter((t) => t.kind === TieKind.HOME_REGION).map((t) => t.code),
    },
  };
}

/** A request id the caller sent (x-request-id), if it is a sane one; otherwise a new one. */
export const requestIdFrom = (sent: string | undefined): string => (sent && /^[\w-]{1,64}$/.test(sent) ? sent : randomUUID());

