import { createHash } from 'node:crypto';
import { creditCodeProblem } from '../../common/codes';
import type { FieldProblem } from '../../common/publish';
import { dateOrderProblem, enumProblem, lengthProblem, pastDateProblem, problems } from '../../common/validate';
import { ClueSource, ClueStatus, DisposalMethod, LEVELS_BY_KIND, SanctionKind, SanctionLevel } from './enums';
import type { ClueInput, SanctionInput, StationedGroupInput } from './inputs';

const optionalText = (value: string | null | undefined, max: number) => (value ? lengthProblem(value, 0, max) : null);

/** Dates follow the life of a clue: received ≤ filed ≤ closed, and each status carries its dates. */
export function clueProblems(r: ClueInput): FieldProblem[] {
  const status = r.status;
  const filed = r.filedDate ?? null;
  const closed = r.closedDate ?? null;
  return problems(
    ['source', enumProblem(r.source, ClueSource)],
    ['subjectUnitCreditCode', creditCodeProblem(r.subjectUnitCreditCode)],
    ['summary', lengthProblem(r.summary, 1, 500)],
    ['details', optionalText(r.details, 5000)],
    ['receivedDate', pastDateProblem(r.receivedDate)],
    ['status', enumProblem(status, ClueStatus)],
    [
      'disposalMethod',
      r.disposalMethod ? enumProblem(r.disposalMethod, DisposalMethod) : status === ClueStatus.RECEIVED ? null : `is required when status is ${status}`,
    ],
    [
      'filedDate',
      pastDateProblem(filed, false) ??
        dateOrderProblem(r.receivedDate, filed, 'receivedDate') ??
        (status === ClueStatus.FILED && !filed ? 'is required when status is FILED' : null) ??
        (filed && (status === ClueStatus.RECEIVED || status === ClueStatus.DISPOSING) ? `a clue with a filing date is FILED or CLOSED, not ${status}` : null),
    ],
    [
      'closedDate',
      pastDateProblem(closed, false) ??
        (filed ? dateOrderProblem(filed, closed, 'filedDate') : dateOrderProblem(r.receivedDate, closed, 'receivedDate')) ??
        (status === ClueStatus.CLOSED && !closed ? 'is required when status is CLOSED' : null) ??
        (closed && status !== ClueStatus.CLOSED ? `only a CLOSED clue has a closing date, not ${status}` : null),
    ],
  );
}

export function sanctionProblems(r: SanctionInput): FieldProblem[] {
  const levels = LEVELS_BY_KIND[r.kind];
  return problems(
    ['unitCreditCode', creditCodeProblem(r.unitCreditCode)],
    ['kind', enumProblem(r.kind, SanctionKind)],
    [
      'level',
      enumProblem(r.level, SanctionLevel) ?? (levels && !levels.includes(r.level) ? `${r.level} is not a ${r.kind} sanction; expected one of ${levels.join(', ')}` : null),
    ],
    ['decidedDate', pastDateProblem(r.decidedDate)],
    ['reason', lengthProblem(r.reason, 1, 1000)],
  );
}

export const MAX_SUPERVISED_UNITS = 200;

export function stationedGroupProblems(r: StationedGroupInput): FieldProblem[] {
  const codes = r.supervisedUnitCreditCodes;
  const first = new Map<string, number>();
  const perUnit = codes.map((code, i): [string, string | null] => {
    const problem = creditCodeProblem(code) ?? (first.has(code) ? `duplicates supervisedUnitCreditCodes[${first.get(code)}]` : null);
    if (!first.has(code)) first.set(code, i);
    return [`supervisedUnitCreditCodes[${i}]`, problem];
  });
  return problems(
    ['name', lengthProblem(r.name, 1, 100)],
    ['leaderName', lengthProblem(r.leaderName, 1, 50)],
    ['notes', optionalText(r.notes, 2000)],
    [
      'supervisedUnitCreditCodes',
      codes.length === 0 ? 'must list at least one unit' : codes.length > MAX_SUPERVISED_UNITS ? `must list at most ${MAX_SUPERVISED_UNITS} units` : null,
    ],
    ...perUnit,
  );
}

/** Order-free fingerprint of a supervised-unit list. */
export function supervisedUnitsHash(codes: string[]): string {
  return createHash('sha256').update([...new Set(codes)].sort().join(',')).digest('hex');
}
