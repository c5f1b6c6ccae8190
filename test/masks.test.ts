import { createHmac } from 'node:crypto';
import {
  amountBucket,
  dateToYear,
  maskApplies,
  maskChineseName,
  maskMobile,
  maskResidentId,
  maskValue,
  pseudonym,
  REDACTED,
} from '../src/authz/masks';
import { MaskStrategy } from '../src/authz/sensitivity';

const ctx = { agencyId: 'agency-discipline', secret: 'test-secret-1' };
const mask = (s: MaskStrategy, v: unknown, c = ctx) => maskValue(s, v, c);

describe('CHINESE_NAME', () => {
  it('keeps the surname and stars every other character', () => {
    expect(mask(MaskStrategy.CHINESE_NAME, '张三')).toBe('张*');
    expect(mask(MaskStrategy.CHINESE_NAME, '张三丰')).toBe('张**');
    expect(mask(MaskStrategy.CHINESE_NAME, ' 王小明 ')).toBe('王**');
  });

  it('keeps both characters of compound surnames', () => {
    expect(maskChineseName('欧阳明华')).toBe('欧阳**');
    expect(maskChineseName('司马光')).toBe('司马*');
    expect(maskChineseName('诸葛亮')).toBe('诸葛*');
    expect(maskChineseName('上官婉儿')).toBe('上官**');
    expect(maskChineseName('令狐冲')).toBe('令狐*');
    // two characters only: 欧 is the surname, 阳 the given name
    expect(maskChineseName('欧阳')).toBe('欧*');
    // 司 alone is not a compound surname
    expect(maskChineseName('司小明')).toBe('司**');
  });

  it('stars a one-character name entirely and handles non-Chinese text', () => {
    expect(maskChineseName('张')).toBe('*');
    expect(maskChineseName('')).toBe('');
    expect(maskChineseName('John')).toBe('J***');
    expect(maskChineseName('阿依古丽·买买提')).toBe('阿*******');
    expect(maskChineseName('𠀀明')).toBe('𠀀*'); // a character outside the BMP counts once
  });
});

describe('RESIDENT_ID', () => {
  it('keeps the first 6 and last 4 of an 18-character number, X check digit included', () => {
    expect(mask(MaskStrategy.RESIDENT_ID, '11010519491231002X')).toBe('110105********002X');
    expect(maskResidentId('11010519491231002x')).toBe('110105********002X');
    expect(maskResidentId('110105194912310021')).toBe('110105********0021');
  });

  it('keeps first 3 and last 2 of other lengths, e.g. 15-digit legacy numbers', () => {
    expect(maskResidentId('110105491231002')).toBe('110**********02');
    expect(maskResidentId('1234567890')).toBe('123*****90');
  });

  it('never reveals half or more of a short value', () => {
    expect(maskResidentId('E12345678')).toBe('*********');
    expect(maskResidentId('12345')).toBe('*****');
  });

  it('never reveals more than 10 characters', () => {
    for (const id of ['11010519491231002X', '110105491231002', '1234567890123456789012']) {
      const revealed = Array.from(maskResidentId(id)).filter((c) => c !== '*').length;
      expect(revealed).toBeLessThanOrEqual(10);
      expect(maskResidentId(id)).toHaveLength(id.length);
    }
  });
});

describe('MOBILE', () => {
  it('masks an 11-digit mobile number as 138****1234', () => {
    expect(mask(MaskStrategy.MOBILE, '13812341234')).toBe('138****1234');
    expect(maskMobile('+86 138-1234-1234')).toBe('138****1234');
    expect(maskMobile('8613812341234')).toBe('138****1234');
    expect(mask(MaskStrategy.MOBILE, 13812341234)).toBe('138****1234');
  });

  it('keeps the last 4 of other phone numbers', () => {
    expect(maskMobile('010-87654321')).toBe('*******4321');
    expect(maskMobile('87654321')).toBe('****4321');
  });

  it('keeps at most half of short numbers', () => {
    expect(maskMobile('123456')).toBe('***456');
    expect(maskMobile('12345')).toBe('***45');
    expect(maskMobile('110')).toBe('**0');
    expect(maskMobile('1')).toBe('*');
  });
});

describe('REDACT_TEXT', () => {
  it('returns a fixed marker whatever the length', () => {
    expect(mask(MaskStrategy.REDACT_TEXT, '某局长收受礼金')).toBe('[已脱敏]');
    expect(mask(MaskStrategy.REDACT_TEXT, 'x'.repeat(5000))).toBe('[已脱敏]');
    expect(mask(MaskStrategy.REDACT_TEXT, '')).toBe(REDACTED);
  });
});

describe('AMOUNT_BUCKET', () => {
  it('labels each order of magnitude, lower bound inclusive', () => {
    const cases: Array<[string | number, string]> = [
      ['0', '<1万'],
      ['0.01', '<1万'],
      ['9999.99', '<1万'],
      ['10000', '1万-10万'],
      ['10000.00', '1万-10万'],
      ['99999.99', '1万-10万'],
      ['100000', '10万-100万'],
      ['1234567.89', '100万-1000万'],
      ['999999.99', '10万-100万'],
      ['1000000', '100万-1000万'],
      ['10000000', '1000万-1亿'],
      ['99999999.99', '1000万-1亿'],
      ['100000000', '≥1亿'],
      ['9999999999999.99', '≥1亿'],
      [10000, '1万-10万'],
      [9999.99, '<1万'],
      [100000000, '≥1亿'],
    ];
    for (const [input, label] of cases) expect([input, mask(MaskStrategy.AMOUNT_BUCKET, input)]).toEqual([input, label]);
  });

  it('prefixes negative amounts with - and treats -0 as zero', () => {
    expect(amountBucket('-5')).toBe('-<1万');
    expect(amountBucket('-10000')).toBe('-1万-10万');
    expect(amountBucket('-100000000.00')).toBe('-≥1亿');
    expect(amountBucket(-250000)).toBe('-10万-100万');
    expect(amountBucket('-0.00')).toBe('<1万');
  });

  it('redacts what is not an amount', () => {
    for (const bad of ['abc', '', '1e5', '12.3.4', '--5', NaN, Infinity]) expect(amountBucket(bad)).toBe('[已脱敏]');
    expect(mask(MaskStrategy.AMOUNT_BUCKET, { value: 5 })).toBe('[已脱敏]');
    expect(mask(MaskStrategy.AMOUNT_BUCKET, true)).toBe('[已脱敏]');
  });
});

describe('DATE_YEAR', () => {
  it('keeps the year as YYYY-01-01 so the value stays a Date', () => {
    expect(mask(MaskStrategy.DATE_YEAR, '2023-07-15')).toBe('2023-01-01');
    expect(mask(MaskStrategy.DATE_YEAR, '1999-12-31')).toBe('1999-01-01');
    expect(dateToYear('2024-02-29T10:00:00Z')).toBe('2024-01-01');
  });

  it('reads Date objects in UTC, like the Date scalar', () => {
    expect(mask(MaskStrategy.DATE_YEAR, new Date('2021-06-30T00:00:00Z'))).toBe('2021-01-01');
    expect(dateToYear(new Date('2020-12-31T23:59:59Z'))).toBe('2020-01-01');
    expect(dateToYear(new Date(Date.UTC(2005, 0, 1)))).toBe('2005-01-01');
  });

  it('returns null for what is not a date', () => {
    expect(dateToYear('2023')).toBeNull();
    expect(dateToYear('2023-13-01')).toBeNull();
    expect(dateToYear('not a date')).toBeNull();
    expect(dateToYear(new Date('garbage'))).toBeNull();
    expect(mask(MaskStrategy.DATE_YEAR, 20230715)).toBeNull();
  });
});

describe('PSEUDONYM', () => {
  const id = '11010519491231002X';

  it('has the documented shape and does not contain the value', () => {
    const p = mask(MaskStrategy.PSEUDONYM, id) as string;
    expect(p).toMatch(/^PSN-[0-9a-f]{12}$/);
    expect(p).not.toContain(id);
    expect(p).not.toContain('002X');
    expect(mask(MaskStrategy.PSEUDONYM, '张三')).not.toContain('张');
  });

  it('is the HMAC-SHA256 of agency NUL value under the secret', () => {
    const expected = 'PSN-' + createHmac('sha256', ctx.secret).update(`${ctx.agencyId}\u0000${id}`).digest('hex').slice(0, 12);
    expect(pseudonym(id, ctx.agencyId, ctx.secret)).toBe(expected);
  });

  it('is stable for one agency, after normalisation', () => {
    const p = mask(MaskStrategy.PSEUDONYM, id);
    expect(mask(MaskStrategy.PSEUDONYM, id)).toBe(p);
    expect(mask(MaskStrategy.PSEUDONYM, ` ${id.toLowerCase()} `)).toBe(p);
  });

  it('differs across agencies, secrets and values', () => {
    const p = mask(MaskStrategy.PSEUDONYM, id);
    expect(mask(MaskStrategy.PSEUDONYM, id, { ...ctx, agencyId: 'agency-audit' })).not.toBe(p);
    expect(mask(MaskStrategy.PSEUDONYM, id, { ...ctx, secret: 'test-secret-2' })).not.toBe(p);
    expect(mask(MaskStrategy.PSEUDONYM, '110105194912310021')).not.toBe(p);
    // the separator keeps (agency "a", value "bc") apart from (agency "ab", value "c")
    expect(pseudonym('BC', 'a', 's')).not.toBe(pseudonym('C', 'ab', 's'));
  });

  it('refuses to work without a secret or an agency', () => {
    expect(() => mask(MaskStrategy.PSEUDONYM, id, { ...ctx, secret: '' })).toThrow(/secret/);
    expect(() => mask(MaskStrategy.PSEUDONYM, id, { ...ctx, agencyId: '' })).toThrow(/agency/);
  });
});

describe('maskValue', () => {
  it('passes null and undefined through as null for every strategy', () => {
    for (const s of Object.values(MaskStrategy)) {
      expect(maskValue(s, null, ctx)).toBeNull();
      expect(maskValue(s, undefined, ctx)).toBeNull();
    }
  });

  it('masks arrays element by element, nulls kept', () => {
    expect(mask(MaskStrategy.CHINESE_NAME, ['张三', null, '欧阳明华'])).toEqual(['张*', null, '欧阳**']);
    expect(mask(MaskStrategy.MOBILE, [['13812341234'], []])).toEqual([['138****1234'], []]);
    const [a, b, c] = mask(MaskStrategy.PSEUDONYM, ['x', 'y', 'x']) as string[];
    expect(a).toBe(c);
    expect(a).not.toBe(b);
  });

  it('redacts values a text strategy cannot handle, and fails closed on an unknown strategy', () => {
    expect(mask(MaskStrategy.CHINESE_NAME, { name: '张三' })).toBe('[已脱敏]');
    expect(mask(MaskStrategy.RESIDENT_ID, ['11010519491231002X', {}])).toEqual(['110105********002X', '[已脱敏]']);
    expect(() => maskValue('SHOW_ALL' as MaskStrategy, '张三', ctx)).toThrow(/Unknown mask strategy/);
  });
});

describe('maskApplies', () => {
  const types = ['String', 'ID', 'Date', 'Decimal', 'Int', 'Float', 'Boolean'];
  const expected: Record<MaskStrategy, string[]> = {
    [MaskStrategy.CHINESE_NAME]: ['String', 'ID'],
    [MaskStrategy.RESIDENT_ID]: ['String', 'ID'],
    [MaskStrategy.MOBILE]: ['String', 'ID'],
    [MaskStrategy.REDACT_TEXT]: ['String', 'ID'],
    [MaskStrategy.PSEUDONYM]: ['String', 'ID'],
    [MaskStrategy.AMOUNT_BUCKET]: ['String', 'Decimal'],
    [MaskStrategy.DATE_YEAR]: ['String', 'Date'],
  };

  it('matches the strategy × type matrix', () => {
    for (const s of Object.values(MaskStrategy)) {
      expect([s, types.filter((t) => maskApplies(s, t))]).toEqual([s, types.filter((t) => expected[s].includes(t))]);
    }
  });

  it('unwraps list and non-null wrappers and refuses unknown types', () => {
    expect(maskApplies(MaskStrategy.CHINESE_NAME, 'String!')).toBe(true);
    expect(maskApplies(MaskStrategy.DATE_YEAR, '[Date!]!')).toBe(true);
    expect(maskApplies(MaskStrategy.AMOUNT_BUCKET, 'Int!')).toBe(false);
    expect(maskApplies(MaskStrategy.MOBILE, 'Petition')).toBe(false);
    expect(maskApplies('SHOW_ALL' as MaskStrategy, 'String')).toBe(false);
  });
});
