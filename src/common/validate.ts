import type { FieldProblem } from './publish';

/** Collects the problems of one record from (field, problem-or-null) pairs. */
export function problems(...checks: [string, string | null][]): FieldProblem[] {
  return checks.filter(([, m]) => m !== null).map(([field, message]) => ({ field, message: message! }));
}

export function lengthProblem(value: string | null | undefined, min: number, max: number): string | null {
  const raw = value ?? '';
  if (raw.trim().length < min) return min === 1 ? 'must not be empty' : `must have at least ${min} characters`;
  // The stored value is what was sent, so its whole length counts, spaces included.
  return raw.length > max ? `must have at most ${max} characters` : null;
}

export function rangeProblem(value: number | null | undefined, min: number, max: number): string | null {
  if (value === null || value === undefined) return null;
  return Number.isInteger(value) && value >= min && value <= max ? null : `must be a whole number from ${min} to ${max}`;
}

export function enumProblem(value: unknown, e: Record<string, string>): string | null {
  return Object.values(e).includes(value as string) ? null : `must be one of ${Object.values(e).join(', ')}`;
}

const DAY = 86_400_000;
/** Dates published must be real and not in the future (records describe what happened). */
export function pastDateProblem(value: string | null | undefined, required = true): string | null {
  if (!value) return required ? 'is required' : null;
  const t = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(t)) return 'must be a date YYYY-MM-DD';
  return t > Date.now() + DAY ? 'must not be in the future' : null;
}

export function dateOrderProblem(from: string | null | undefined, to: string | null | undefined, what: string): string | null {
  return from && to && to < from ? `must not be before ${what}` : null;
}
