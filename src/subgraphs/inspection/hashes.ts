import { createHash } from 'node:crypto';
import type { InspectionTeamInput, RectificationItemInput } from './publish.inputs';

/**
 * Hashes of the children published inside a record. Kept on the parent row, they
 * make a change to the children count as a change to the record, and let
 * unchanged children stay untouched (and keep their ids) on republishing. The
 * seed computes them the same way, as if its data had been published.
 */
const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

export const teamsHash = (teams: InspectionTeamInput[]) =>
  sha256(teams.map((t) => [t.name.trim(), t.leaderExternalId, t.memberExternalIds, t.unitCreditCodes]));

/** An item as stored, in column order of rectification_item after (finding_id, seq). */
export const itemColumns = (i: RectificationItemInput) =>
  [
    i.measures.trim(),
    i.responsibleUnitCreditCode,
    i.responsibleCadreId?.toLowerCase() ?? null,
    i.deadline,
    i.status,
    i.evidence?.trim() || null,
    i.verifiedDate ?? null,
    i.rulesEstablished ?? 0,
  ] as const;

export const itemsHash = (items: RectificationItemInput[]) => sha256(items.map(itemColumns));
