/**
 * National identifier checks. Agencies publish these by hand-keyed forms as often as
 * by system export, so the check characters catch most typing errors before a
 * record is joined to the wrong unit or person.
 */

// GB 32100-2015 统一社会信用代码: 18 characters, the last a check character.
const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARSET.indexOf(first17[i]);
    if (v < 0) throw new Error(`invalid character ${first17[i]}`);
    sum += v * CREDIT_WEIGHTS[i];
  }
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31];
}

/** Returns null when valid, else the reason. */
export function creditCodeProblem(code: string): string | null {
  if (!/^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/.test(code)) {
    return '统一社会信用代码 must be 18 characters: 2 registration characters, a 6-digit region code and 10 characters from 0-9A-Y without I, O, S, V, Z';
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  return expected === code[17] ? null : `统一社会信用代码 check character should be ${expected}, not ${code[17]}`;
}

// GB 11643-1999 公民身份号码: 17 digits and a check character (0-9 or X).
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

export function residentIdProblem(id: string): string | null {
  if (!/^\d{17}[\dX]$/.test(id)) return 'resident ID number must be 17 digits followed by a digit or X';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > Date.now()) {
    return `resident ID number has an impossible birth date ${id.slice(6, 14)}`;
  }
  const expected = residentIdCheckChar(id.slice(0, 17));
  return expected === id[17] ? null : `resident ID number check digit should be ${expected}, not ${id[17]}`;
}

/** Administrative division codes (行政区划代码): 6 digits, or 9/12 below county level. */
export function regionCodeProblem(code: string): string | null {
  return /^\d{6}(\d{3}(\d{3})?)?$/.test(code) ? null : 'region code must be 6, 9 or 12 digits';
}

export function mobileProblem(phone: string): string | null {
  return /^1[3-9]\d{9}$/.test(phone) ? null : 'mobile number must be 11 digits starting with 13-19';
}

/** A region code without its trailing zero pairs, as a prefix of the codes inside it: 990100 (the city) → 9901. */
export const regionPrefix = (code: string): string => code.slice(0, 6).replace(/(00)+$/, '');
