import { regionPrefix } from '../../common/codes';
import { registerEnumType } from 'type-graphql';
import { InspectionMode } from './enums';

export enum RecusalReason {
  HOME_REGION = 'HOME_REGION',
  CURRENT_EMPLOYER = 'CURRENT_EMPLOYER',
  PAST_EMPLOYER = 'PAST_EMPLOYER',
}
registerEnumType(RecusalReason, {
  name: 'RecusalReason',
  description: 'Why an inspector is tied to a unit (回避事由)',
  valuesConfig: {
    HOME_REGION: { description: '籍贯或常住地与被巡察单位同属一地' },
    CURRENT_EMPLOYER: { description: '现工作单位' },
    PAST_EMPLOYER: { description: '曾工作单位' },
  },
});

export interface Ties {
  homeRegionCode: string;
  currentEmployerCreditCode: string | null;
  pastEmployerCreditCodes: string[];
}

/** County (区县) a unit is registered in: digits 3–8 of its 统一社会信用代码. */
export const unitCounty = (creditCode: string) => creditCode.slice(2, 8);


/**
 * The recusal rule (回避): an inspector is tied to a unit they work or worked at, or
 * whose county is their home region; in a LOCAL round (本级巡察) also to every unit
 * their home region contains (a home region at city level covers the whole city).
 * Units are known here by credit code, so regions compare at county level.
 */
export function recusalReasons(ties: Ties, creditCode: string, mode: InspectionMode): RecusalReason[] {
  const out: RecusalReason[] = [];
  const county = unitCounty(creditCode);
  const home = ties.homeRegionCode.slice(0, 6);
  if (home === county || (mode === InspectionMode.LOCAL && county.startsWith(regionPrefix(home)))) out.push(RecusalReason.HOME_REGION);
  if (ties.currentEmployerCreditCode === creditCode) out.push(RecusalReason.CURRENT_EMPLOYER);
  if (ties.pastEmployerCreditCodes.includes(creditCode)) out.push(RecusalReason.PAST_EMPLOYER);
  return out;
}

/** Counties a team belongs to: where any of its people lives or works. A CROSS round sends it elsewhere. */
export function ownCounties(people: Ties[]): Set<string> {
  const out = new Set<string>();
  for (const p of people) {
    out.add(p.homeRegionCode.slice(0, 6));
    if (p.currentEmployerCreditCode) out.add(unitCounty(p.currentEmployerCreditCode));
  }
  return out;
}
