import { creditCodeProblem, mobileProblem, residentIdProblem } from '../src/common/codes';
import { creditCode, residentId, seededRandom } from '../src/db/seed/random';

describe('national identifier checks', () => {
  it('accepts the published examples of both standards', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull(); // GB 32100-2015 example
    expect(residentIdProblem('11010519491231002X')).toBeNull(); // GB 11643-1999 example
  });

  it('catches every single-character typo in a credit code', () => {
    const good = '91350100M000100Y43';
    const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    let caught = 0;
    let tried = 0;
    for (let i = 0; i < 18; i++) {
      for (const ch of charset) {
        if (ch === good[i] || (i >= 2 && i < 8 && !/\d/.test(ch))) continue;
        tried++;
        if (creditCodeProblem(good.slice(0, i) + ch + good.slice(i + 1)) !== null) caught++;
      }
    }
    expect(caught).toBe(tried);
    expect(creditCodeProblem('91350100M000100Y4')).toMatch(/18 characters/);
    expect(creditCodeProblem('91350100M0001O0Y43')).toMatch(/without I, O/); // letter O is not allowed
  });

  it('catches wrong check digits, impossible birth dates and bad shapes in resident ID numbers', () => {
    expect(residentIdProblem('110105194912310021')).toMatch(/check digit should be X/);
    expect(residentIdProblem('110105194902300027')).toMatch(/birth date/); // 30 February
    expect(residentIdProblem(`110105${new Date().getFullYear() + 1}01010020`)).toMatch(/birth date/);
    expect(residentIdProblem('11010519491231002x')).toMatch(/17 digits/); // lower-case x is not the standard form
  });

  it('generates only valid codes for the demo data', () => {
    const rand = seededRandom(1);
    for (let i = 0; i < 500; i++) {
      expect(creditCodeProblem(creditCode(i % 2 ? '11' : '91', '990102', i * 7919))).toBeNull();
      expect(residentIdProblem(residentId(rand, '990103', 1960 + (i % 40), i))).toBeNull();
    }
  });

  it('checks mobile numbers', () => {
    expect(mobileProblem('13812341234')).toBeNull();
    expect(mobileProblem('12812341234')).not.toBeNull();
    expect(mobileProblem('1381234123')).not.toBeNull();
  });
});
