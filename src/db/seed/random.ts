import { creditCodeCheckChar, residentIdCheckChar } from '../../common/codes';

/** Deterministic pseudo-random numbers (mulberry32), so demo data is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)];
export const int = (rand: () => number, min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国文辉玲红玉兰志峰斌波宁海燕婷云飞鹏晨浩宇博雪梅琳凯鑫瑶健林颖彤睿航琪'.split('');

/** Fictional personal names (common surname + one or two common characters). */
export function personName(rand: () => number): string {
  const given = rand() < 0.6 ? pick(rand, GIVEN) + pick(rand, GIVEN) : pick(rand, GIVEN);
  return pick(rand, SURNAMES) + given;
}

const ORG_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** A valid 统一社会信用代码 for a fictional unit: registration prefix + region + serial. */
export function creditCode(prefix: string, regionCode6: string, serial: number): string {
  let org = '';
  let n = serial;
  for (let i = 0; i < 9; i++) {
    org = ORG_CHARS[n % 31] + org;
    n = Math.floor(n / 31);
  }
  const first17 = prefix + regionCode6 + org;
  return first17 + creditCodeCheckChar(first17);
}

/** A valid 公民身份号码 for a fictional person born in the given year. */
export function residentId(rand: () => number, regionCode6: string, birthYear: number, serial: number): string {
  const month = String(int(rand, 1, 12)).padStart(2, '0');
  const day = String(int(rand, 1, 28)).padStart(2, '0');
  const first17 = `${regionCode6}${birthYear}${month}${day}${String(serial % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

export function mobile(rand: () => number): string {
  return `1${pick(rand, ['38', '39', '58', '59', '86', '87', '35', '37'])}${String(int(rand, 0, 99999999)).padStart(8, '0')}`;
}

/** A date between two years, as YYYY-MM-DD. */
export function dateBetween(rand: () => number, fromYear: number, toYear: number): string {
  const from = Date.UTC(fromYear, 0, 1);
  const to = Math.min(Date.UTC(toYear, 11, 31), Date.now() - 86_400_000);
  return new Date(from + Math.floor(rand() * (to - from))).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
