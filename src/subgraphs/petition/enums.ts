import { registerEnumType } from 'type-graphql';
import { ENUM_LABELS } from '../../common/labels';

export enum PetitionChannel {
  LETTER = 'LETTER',
  VISIT = 'VISIT',
  PHONE = 'PHONE',
  ONLINE = 'ONLINE',
  EMAIL = 'EMAIL',
}

/** What a petition complains about, in the categories of the party's disciplinary regulations. */
export enum PetitionCategory {
  EIGHT_POINT_RULES = 'EIGHT_POINT_RULES',
  ORGANIZATIONAL_DISCIPLINE = 'ORGANIZATIONAL_DISCIPLINE',
  INTEGRITY_DISCIPLINE = 'INTEGRITY_DISCIPLINE',
  MASS_DISCIPLINE = 'MASS_DISCIPLINE',
  WORK_DISCIPLINE = 'WORK_DISCIPLINE',
  LIFESTYLE_DISCIPLINE = 'LIFESTYLE_DISCIPLINE',
  LITIGATION_RELATED = 'LITIGATION_RELATED',
  OTHER = 'OTHER',
}

export enum PetitionStatus {
  RECEIVED = 'RECEIVED',
  TRANSFERRED = 'TRANSFERRED',
  HANDLING = 'HANDLING',
  CONCLUDED = 'CONCLUDED',
}

export enum OpinionSentiment {
  NEGATIVE = 'NEGATIVE',
  NEUTRAL = 'NEUTRAL',
  POSITIVE = 'POSITIVE',
}

export const CATEGORY_LABELS: Record<PetitionCategory, string> = ENUM_LABELS.PetitionCategory;

const described = <E extends string>(labels: Record<E, string>) =>
  Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, { description: v as string }])) as Record<E, { description: string }>;

registerEnumType(PetitionChannel, {
  name: 'PetitionChannel',
  description: 'How a petition reached the bureau (信访渠道)',
  valuesConfig: described<PetitionChannel>({ LETTER: '来信', VISIT: '来访', PHONE: '来电', ONLINE: '网上信访', EMAIL: '电子邮件' }),
});
registerEnumType(PetitionCategory, {
  name: 'PetitionCategory',
  description: 'What a petition is about (信访问题类别)',
  valuesConfig: described(CATEGORY_LABELS),
});
registerEnumType(PetitionStatus, {
  name: 'PetitionStatus',
  description: 'Where a petition is in its handling (办理状态)',
  valuesConfig: described<PetitionStatus>({ RECEIVED: '已受理', TRANSFERRED: '已转办', HANDLING: '办理中', CONCLUDED: '已办结' }),
});
registerEnumType(OpinionSentiment, {
  name: 'OpinionSentiment',
  description: 'Tone of a public-opinion item (舆情倾向)',
  valuesConfig: described<OpinionSentiment>({ NEGATIVE: '负面', NEUTRAL: '中性', POSITIVE: '正面' }),
});
