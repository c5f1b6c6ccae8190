import { TYPE_LABELS } from '../../src/common/labels';

/**
 * What a raw code looks like in text meant for people: an enum value (PENDING,
 * BUDGET_VIOLATION) or a record type's name (ProblemClue). The console and the
 * briefing show Chinese labels only, so any match is a bug.
 */
export const RAW_CODE = new RegExp(`\\b([A-Z][A-Z_]{3,}|${Object.keys(TYPE_LABELS).join('|')})\\b`, 'g');

export const rawCodesIn = (text: string): string[] => [...new Set(text.match(RAW_CODE) ?? [])];
