import { createHmac } from 'node:crypto';
import { MaskStrategy } from './sensitivity';

/**
 * Masking strategies (DESIGN.md §4, issue #3 "Masking"): pure functions that turn a
 * field value into its disguised form when a grant's effect is MASK(strategy).
 * Whether a value is masked is signalled by the hub separately, not here.
 */

/** What every strategy returns for a value it cannot mask safely: a fixed marker, never a partial value. */
export const REDACTED = '[已脱敏]';

export interface MaskContext {
  /** The requesting agency: pseudonyms are stable within it and differ across agencies. */
  agencyId: string;
  /** Server-side key of the pseudonym HMAC; never sent to clients. */
  secret: string;
}

const stars = (n: number): string => '*'.repeat(Math.max(0, n));

/** Strings and numbers are masked as text; anything else (objects, booleans...) cannot be, so it is redacted. */
function asText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return null;
}

const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐',
  '端木', '申屠', '轩辕', '独孤', '南宫', '西门', '百里', '呼延', '钟离', '闻人', '澹台', '太史', '万俟', '司空',
]);
const HAN = /\p{Script=Han}/u;

/** 姓名: keep the surname (two characters for compound surnames), star the rest; the length is kept like 张** in the design. */
export function maskChineseName(name: string): string {
  const chars = Array.from(name.trim()); // code points: rare Han characters lie outside the BMP
  if (chars.length <= 1) return stars(chars.length);
  // "欧阳" alone is 欧 + given name 阳, so a compound surname needs at least one more character.
  const keep = chars.length >= 3 && HAN.test(chars[0]) && COMPOUND_SURNAMES.has(chars[0] + chars[1]) ? 2 : 1;
  return chars.slice(0, keep).join('') + stars(chars.length - keep);
}

/** 身份证号: 18 characters → first 6 (region) + 8 stars (birth date) + last 4; other lengths (15-digit legacy numbers) → first 3 / last 2. */
export function maskResidentId(id: string): string {
  const s = id.trim().toUpperCase();
  if (s.length === 18) return s.slice(0, 6) + stars(8) + s.slice(14);
  // Keeping 3 + 2 of fewer than 10 characters would reveal half of the value or more: star it all.
  if (s.length < 10) return stars(s.length);
  return s.slice(0, 3) + stars(s.length - 5) + s.slice(-2);
}

/** 手机号: mainland mobile numbers (optionally +86, with spaces or dashes) → 138****1234; other numbers keep their last 4. */
export function maskMobile(phone: string): string {
  const compact = phone.trim().replace(/[\s\-()]/g, '');
  const mobile = /^(?:\+?86)?(1\d{10})$/.exec(compact);
  if (mobile) return mobile[1].slice(0, 3) + stars(4) + mobile[1].slice(7);
  // Never reveal more than half of a short number (a 6-digit extension keeps 3, not 4).
  const keep = Math.min(4, Math.floor(compact.length / 2));
  return stars(compact.length - keep) + compact.slice(compact.length - keep);
}

/** 文本: a fixed marker, so not even the length of the text leaks. */
export function redactText(): string {
  return REDACTED;
}

const BUCKETS: Array<[bigint, string]> = [
  [100_000_000n, '≥1亿'],
  [10_000_000n, '1000万-1亿'],
  [1_000_000n, '100万-1000万'],
  [100_000n, '10万-100万'],
  [10_000n, '1万-10万'],
];

/**
 * 金额: an order-of-magnitude range label in yuan (lower bound inclusive: 10000 → 1万-10万).
 * Works on the integer part as a BigInt so large decimal strings are never rounded into the next bucket.
 */
export function amountBucket(amount: string | number | bigint): string {
  let negative: boolean;
  let whole: bigint;
  let nonZero: boolean;
  if (typeof amount === 'bigint') {
    negative = amount < 0n;
    whole = negative ? -amount : amount;
    nonZero = whole !== 0n;
  } else if (typeof amount === 'number') {
    if (!Number.isFinite(amount)) return REDACTED;
    negative = amount < 0;
    whole = BigInt(Math.trunc(Math.abs(amount)));
    nonZero = amount !== 0;
  } else if (typeof amount === 'string') {
    const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(amount.trim().replace(/,/g, ''));
    if (!m) return REDACTED;
    whole = BigInt(m[2]);
    nonZero = whole !== 0n || /[1-9]/.test(m[3] ?? '');
    negative = m[1] === '-';
  } else {
    return REDACTED;
  }
  const label = BUCKETS.find(([min]) => whole >= min)?.[1] ?? '<1万';
  return negative && nonZero ? `-${label}` : label; // "-0.00" is zero, not a negative amount
}

/**
 * 日期: the year only. The month and day are zeroed to January 1st (YYYY-01-01) because the
 * field keeps its Date type, whose scalar only accepts YYYY-MM-DD; that the value is masked is
 * signalled separately by the hub. Date objects are read in UTC, like the Date scalar serialises them.
 * Returns null for something that is not a date (a marker string would fail the Date scalar).
 */
export function dateToYear(date: string | Date): string | null {
  let year: number;
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) return null;
    year = date.getUTCFullYear();
  } else if (typeof date === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(date.trim());
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 || Number(m[3]) > 31) return null;
    year = Number(m[1]);
  } else {
    return null;
  }
  if (year < 0 || year > 9999) return null;
  return `${String(year).padStart(4, '0')}-01-01`;
}

/**
 * 假名: PSN- + 12 hex characters of HMAC-SHA256(secret, agencyId NUL normalised value).
 * Keyed by the requesting agency so one agency can correlate records of a person but two
 * agencies cannot join their views; keyed by a secret so a dictionary of ID numbers cannot reverse it.
 */
export function pseudonym(value: string, agencyId: string, secret: string): string {
  // Without a key the hash of an ID number or a phone number is reversible by enumeration.
  if (!secret) throw new Error('pseudonym: the masking secret is empty');
  if (!agencyId) throw new Error('pseudonym: the requesting agency is unknown');
  const normalised = value.trim().toUpperCase();
  const mac = createHmac('sha256', secret).update(`${agencyId}\u0000${normalised}`, 'utf8').digest('hex');
  return `PSN-${mac.slice(0, 12)}`;
}

function maskOne(strategy: MaskStrategy, value: unknown, ctx: MaskContext): unknown {
  switch (strategy) {
    case MaskStrategy.REDACT_TEXT:
      return redactText();
    case MaskStrategy.AMOUNT_BUCKET:
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' ? amountBucket(value) : REDACTED;
    case MaskStrategy.DATE_YEAR:
      return typeof value === 'string' || value instanceof Date ? dateToYear(value) : null;
    case MaskStrategy.CHINESE_NAME:
    case MaskStrategy.RESIDENT_ID:
    case MaskStrategy.MOBILE:
    case MaskStrategy.PSEUDONYM: {
      const text = asText(value);
      if (text === null) return REDACTED;
      if (strategy === MaskStrategy.CHINESE_NAME) return maskChineseName(text);
      if (strategy === MaskStrategy.RESIDENT_ID) return maskResidentId(text);
      if (strategy === MaskStrategy.MOBILE) return maskMobile(text);
      return pseudonym(text, ctx.agencyId, ctx.secret);
    }
    default:
      // Fail closed: an unknown strategy must never let the value through.
      throw new Error(`Unknown mask strategy ${String(strategy)}`);
  }
}

/** Mask one field value; null/undefined → null, arrays (also nested) element by element. */
export function maskValue(strategy: MaskStrategy, value: unknown, ctx: MaskContext): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => maskValue(strategy, v, ctx));
  return maskOne(strategy, value, ctx);
}

const APPLIES: Record<MaskStrategy, ReadonlySet<string>> = {
  [MaskStrategy.CHINESE_NAME]: new Set(['String', 'ID']),
  [MaskStrategy.RESIDENT_ID]: new Set(['String', 'ID']),
  [MaskStrategy.MOBILE]: new Set(['String', 'ID']),
  [MaskStrategy.REDACT_TEXT]: new Set(['String', 'ID']),
  [MaskStrategy.PSEUDONYM]: new Set(['String', 'ID']),
  // The label ("10万-100万") is a string; the hub's Decimal scalar serialises any string, so it fits Decimal too.
  [MaskStrategy.AMOUNT_BUCKET]: new Set(['Decimal', 'String']),
  // YYYY-01-01 is a valid Date and a valid String.
  [MaskStrategy.DATE_YEAR]: new Set(['Date', 'String']),
};

/**
 * Whether a strategy's output fits a field of this GraphQL output type (named type; list and
 * non-null wrappers such as "[String!]!" are unwrapped). The hub refuses grants whose mask does not fit.
 */
export function maskApplies(strategy: MaskStrategy, graphqlTypeName: string): boolean {
  const named = graphqlTypeName.replace(/[\[\]!\s]/g, '');
  return APPLIES[strategy]?.has(named) ?? false;
}

/** Strategies that show part of a value of one format (a name, an ID number, a phone number): they fit only fields declared to hold it. */
const FORMAT_SPECIFIC = new Set<MaskStrategy>([MaskStrategy.CHINESE_NAME, MaskStrategy.RESIDENT_ID, MaskStrategy.MOBILE]);

/**
 * Whether a strategy may mask this field. Beyond the output type (maskApplies), a
 * strategy that keeps characters of a formatted value fits only a field whose declared
 * default mask says it holds that format: MOBILE on free text would show its last
 * characters and its length, CHINESE_NAME its first character.
 */
export function maskFitsField(strategy: MaskStrategy, field: { valueType: string; defaultMask: MaskStrategy | null }): boolean {
  if (!maskApplies(strategy, field.valueType)) return false;
  if (FORMAT_SPECIFIC.has(strategy)) return field.defaultMask === strategy;
  // A range label or a year of something that is not an amount or a date would be made up.
  if (strategy === MaskStrategy.AMOUNT_BUCKET || strategy === MaskStrategy.DATE_YEAR) return field.defaultMask === strategy || field.valueType !== 'String';
  return true;
}

/**
 * How much of a value each strategy hides, from least to most: characters of the
 * value (partial masks), its magnitude or year, only whether two values are equal
 * within one agency (pseudonym), nothing at all (redaction). A grant may be narrowed
 * only to a strategy that hides strictly more, or to the same one.
 */
export const MASK_STRENGTH: Record<MaskStrategy, number> = {
  [MaskStrategy.CHINESE_NAME]: 1,
  [MaskStrategy.RESIDENT_ID]: 1,
  [MaskStrategy.MOBILE]: 1,
  [MaskStrategy.AMOUNT_BUCKET]: 2,
  [MaskStrategy.DATE_YEAR]: 2,
  [MaskStrategy.PSEUDONYM]: 3,
  [MaskStrategy.REDACT_TEXT]: 4,
};

/** `to` hides at least what `from` hides (a clear value, `null`, hides nothing). */
export function maskAtLeastAsStrong(from: MaskStrategy | null, to: MaskStrategy): boolean {
  return from === null || from === to || MASK_STRENGTH[to] > MASK_STRENGTH[from];
}
