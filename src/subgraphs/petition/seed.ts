import type { DataSource } from 'typeorm';
import { AgencyKind } from '../../common/agency';
import { bulkInsert } from '../../db/bulk-insert';
import { addDays, int, mobile, personName, pick, residentId } from '../../db/seed/random';
import type { SeedWorld } from '../types';
import { OpinionSentiment, PetitionCategory, PetitionChannel, PetitionStatus } from './enums';
import { Petition } from './petition.entity';
import { PublicOpinionItem } from './public-opinion.entity';

/** What people write about, per category; {unit} and {cadre} are filled in. */
const COMPLAINTS: Record<PetitionCategory, string[]> = {
  EIGHT_POINT_RULES: ['反映{who}违规公款吃喝、接受管理服务对象宴请', '反映{who}公车私用，节假日驾驶公车外出', '反映{who}借调研之名组织公款旅游', '反映{who}违规发放津补贴和节日福利'],
  ORGANIZATIONAL_DISCIPLINE: ['反映{unit}干部选拔任用程序不规范、“带病提拔”', '反映{who}违规插手下属单位人事安排', '反映{unit}党组织生活会走过场、民主集中制执行不到位'],
  INTEGRITY_DISCIPLINE: ['反映{who}利用职务便利为亲属承揽工程项目', '反映{who}收受管理服务对象礼品礼金', '反映{who}在工程招投标中与投标人串通', '反映{who}违规经商办企业、在企业入股'],
  MASS_DISCIPLINE: ['反映{unit}在征地拆迁补偿中优亲厚友', '反映{unit}截留挪用惠民惠农资金', '反映{who}在低保评定中吃拿卡要'],
  WORK_DISCIPLINE: ['反映{unit}对群众诉求推诿扯皮、长期不予答复', '反映{who}在项目审批中不作为、慢作为', '反映{unit}形式主义、官僚主义问题突出，填表报数负担重'],
  LIFESTYLE_DISCIPLINE: ['反映{who}生活作风不检点', '反映{who}经常出入私人会所、参与赌博'],
  LITIGATION_RELATED: ['反映与{unit}合同纠纷判决后长期未执行', '反映{unit}在行政处罚中程序违法，请求复查'],
  OTHER: ['反映{unit}办事窗口服务态度差', '反映{unit}信息公开不及时、财务公开不全面', '反映{unit}办公场所超标准使用'],
};

const DETAILS = [
  '信访人称相关情况已持续较长时间，周边群众议论较多，曾向单位反映但未得到处理。',
  '来信附有部分票据复印件和照片，请求上级部门调查核实并依规处理。',
  '信访人表示掌握具体时间、地点和在场人员，愿意配合调查。',
  '反映内容较为笼统，未提供具体证据材料，请求有关部门予以关注。',
  '信访人此前已就同一问题多次反映，对处理结果不满意，此次为重复信访。',
];

const CONCLUSIONS = [
  '经调查核实，反映问题基本属实，已移交纪检监察机关依规依纪处理。',
  '经调查核实，反映问题部分属实，已责令被反映单位限期整改，并对相关责任人进行批评教育。',
  '经调查核实，反映问题不属实，已向信访人反馈调查结果并做好解释说明。',
  '经调查核实，反映问题查无实据，予以了结，已书面答复信访人。',
  '已转交主管部门办理，主管部门已按规定程序作出处理并答复信访人。',
];

const OPINION_SOURCES = ['人民网地方领导留言板', '明湖新闻网', '明湖论坛', '微博', '微信公众号“明湖百事通”', '抖音', '今日头条', '12345政务服务便民热线'];
const OPINION_TITLES: Record<OpinionSentiment, string[]> = {
  NEGATIVE: ['网民反映{unit}办事难、来回跑', '{unit}工程质量问题引发网民质疑', '群众投诉{unit}收费不规范', '{unit}工作人员态度生硬视频引热议'],
  NEUTRAL: ['网民咨询{unit}相关政策办理流程', '{unit}回应网民关于项目进展的提问', '媒体关注{unit}年度重点工作推进情况'],
  POSITIVE: ['{unit}推行“一窗通办”获群众点赞', '媒体报道{unit}为民办实事成效', '网民称赞{unit}快速处置群众诉求'],
};

const LAST_DAY = Date.UTC(2026, 9, 31);
const DAY = 86_400_000;
/** A date from 2019 up to October 2026 (and never after yesterday), as YYYY-MM-DD. */
function dateFrom2019(rand: () => number): string {
  const from = Date.UTC(2019, 0, 1);
  const to = Math.min(LAST_DAY, Date.now() - DAY);
  return new Date(from + Math.floor(rand() * (to - from))).toISOString().slice(0, 10);
}
const latest = () => new Date(Math.min(LAST_DAY, Date.now() - DAY)).toISOString().slice(0, 10);

const fill = (template: string, unit: string, who: string) => template.replace('{unit}', unit).replace('{who}', who);
const serial = (prefix: string, date: string, n: number) => `${prefix}-${date.slice(0, 4)}-${String(n).padStart(6, '0')}`;

/** Weighted pick: complaints about integrity and mass discipline are the most common, lifestyle the rarest. */
const CATEGORY_WEIGHTS: [PetitionCategory, number][] = [
  [PetitionCategory.EIGHT_POINT_RULES, 14],
  [PetitionCategory.ORGANIZATIONAL_DISCIPLINE, 8],
  [PetitionCategory.INTEGRITY_DISCIPLINE, 22],
  [PetitionCategory.MASS_DISCIPLINE, 20],
  [PetitionCategory.WORK_DISCIPLINE, 16],
  [PetitionCategory.LIFESTYLE_DISCIPLINE, 4],
  [PetitionCategory.LITIGATION_RELATED, 6],
  [PetitionCategory.OTHER, 10],
];
function weighted<T>(rand: () => number, weights: [T, number][]): T {
  let r = rand() * weights.reduce((n, [, w]) => n + w, 0);
  for (const [v, w] of weights) if ((r -= w) < 0) return v;
  return weights[weights.length - 1][0];
}

export async function seedPetition(ds: DataSource, world: SeedWorld): Promise<void> {
  const rand = world.rand;
  const bureau = world.agencies.find((a) => a.kind === AgencyKind.PETITION_BUREAU);
  if (!bureau || world.units.length === 0) return;
  const cadresByUnit = new Map<string, SeedWorld['cadres']>();
  for (const c of world.cadres) {
    const list = cadresByUnit.get(c.unitCreditCode);
    if (list) list.push(c);
    else cadresByUnit.set(c.unitCreditCode, [c]);
  }
  const end = latest();

  const petitions: Partial<Petition>[] = [];
  const opinions: Partial<PublicOpinionItem>[] = [];
  for (const unit of world.units) {
    if (rand() < 0.6) {
      const count = int(rand, 1, 12);
      for (let i = 0; i < count; i++) {
        const anonymous = rand() < 0.4;
        const category = weighted(rand, CATEGORY_WEIGHTS);
        const cadres = cadresByUnit.get(unit.creditCode) ?? [];
        const cadre = cadres.length && rand() < 0.5 ? pick(rand, cadres) : null;
        const received = dateFrom2019(rand);
        const age = (Date.parse(end) - Date.parse(received)) / DAY;
        const concludedDate = addDays(received, int(rand, 15, 90));
        const concluded = concludedDate <= end && rand() < (age > 120 ? 0.9 : 0.3);
        const status = concluded ? PetitionStatus.CONCLUDED : pick(rand, [PetitionStatus.RECEIVED, PetitionStatus.TRANSFERRED, PetitionStatus.HANDLING]);
        const summary = fill(pick(rand, COMPLAINTS[category]), unit.name, cadre ? `${unit.name}${cadre.name}` : `${unit.name}有关负责人`);
        const reporter = anonymous ? null : personName(rand);
        petitions.push({
          channel: pick(rand, [PetitionChannel.LETTER, PetitionChannel.LETTER, PetitionChannel.VISIT, PetitionChannel.PHONE, PetitionChannel.ONLINE, PetitionChannel.ONLINE, PetitionChannel.EMAIL]),
          receivedDate: received,
          anonymous,
          reporterName: reporter,
          reporterPhone: anonymous ? null : mobile(rand),
          reporterIdNumber: anonymous || rand() < 0.3 ? null : residentId(rand, unit.regionCode.slice(0, 6), int(rand, 1950, 2000), petitions.length),
          unitCreditCode: unit.creditCode,
          cadreId: cadre?.id ?? null,
          category,
          summary,
          content: `${summary}。${pick(rand, DETAILS)}${anonymous ? '（匿名来信，未留联系方式）' : `信访人${reporter}要求书面答复。`}`,
          status,
          conclusion: concluded ? pick(rand, CONCLUSIONS) : null,
          concludedDate: concluded ? concludedDate : null,
          sourceAgencyId: bureau.id,
          externalId: serial('XFJ', received, petitions.length + 1),
        });
      }
    }
    if (rand() < 0.25) {
      const count = int(rand, 1, 4);
      for (let i = 0; i < count; i++) {
        const sentiment = weighted(rand, [
          [OpinionSentiment.NEGATIVE, 55],
          [OpinionSentiment.NEUTRAL, 30],
          [OpinionSentiment.POSITIVE, 15],
        ]);
        const title = fill(pick(rand, OPINION_TITLES[sentiment]), unit.name, unit.name);
        const published = dateFrom2019(rand);
        opinions.push({
          unitCreditCode: unit.creditCode,
          source: pick(rand, OPINION_SOURCES),
          publishedDate: published,
          title,
          summary: `${title}。相关内容累计阅读${int(rand, 2, 300) * 100}次，评论${int(rand, 5, 900)}条，${sentiment === OpinionSentiment.NEGATIVE ? '已推送属地部门核实处置。' : '持续关注中。'}`,
          sentiment,
          sourceAgencyId: bureau.id,
          externalId: serial('YQ', published, opinions.length + 1),
        });
      }
    }
  }
  await bulkInsert(ds, Petition, petitions);
  await bulkInsert(ds, PublicOpinionItem, opinions);
}
