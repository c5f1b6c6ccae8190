import { registerEnumType } from 'type-graphql';

// GraphQL names carry an Inspection/Rectification prefix: enums of the same name in
// another subgraph would be merged by composition and must then agree value for value.

export enum InspectionKind {
  REGULAR = 'REGULAR',
  SPECIAL = 'SPECIAL',
  MOBILE = 'MOBILE',
  LOOK_BACK = 'LOOK_BACK',
}

export enum InspectionMode {
  LOCAL = 'LOCAL',
  ESCALATED = 'ESCALATED',
  CROSS = 'CROSS',
}

export enum RoundStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

export enum FindingCategory {
  POLITICAL = 'POLITICAL',
  PARTY_BUILDING = 'PARTY_BUILDING',
  INTEGRITY = 'INTEGRITY',
  RESPONSIBILITY = 'RESPONSIBILITY',
  OTHER = 'OTHER',
}

export enum FindingSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}

export enum RectificationStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  VERIFIED = 'VERIFIED',
  /** Never stored: an OPEN or IN_PROGRESS item whose deadline has passed. */
  OVERDUE = 'OVERDUE',
}

/** Statuses a publisher may send; OVERDUE follows from the deadline. */
export const PUBLISHABLE_RECTIFICATION_STATUSES = {
  OPEN: RectificationStatus.OPEN,
  IN_PROGRESS: RectificationStatus.IN_PROGRESS,
  DONE: RectificationStatus.DONE,
  VERIFIED: RectificationStatus.VERIFIED,
} as const;

/** Items counted as rectified (已整改) in rates. */
export const RECTIFIED_STATUSES = [RectificationStatus.DONE, RectificationStatus.VERIFIED];

/** SQL: the item (alias) counts as rectified; `statuses` is the parameter holding RECTIFIED_STATUSES. A commission verification counts too. */
export const rectifiedSql = (alias: string, statuses: string) => `(${alias}.status = ANY(${statuses}::text[]) OR ${alias}.commission_verified_at IS NOT NULL)`;

/** SQL: the status clients see (as effectiveStatus computes it); `today` is the parameter holding today's date in China. */
export const effectiveStatusSql = (alias: string, today: string) =>
  `CASE WHEN ${alias}.commission_verified_at IS NOT NULL THEN 'VERIFIED'
        WHEN ${alias}.status IN ('OPEN', 'IN_PROGRESS') AND ${alias}.deadline < ${today}::date THEN 'OVERDUE'
        ELSE ${alias}.status END`;

registerEnumType(InspectionKind, {
  name: 'InspectionKind',
  description: 'Kind of inspection round (巡察类型)',
  valuesConfig: {
    REGULAR: { description: '常规巡察' },
    SPECIAL: { description: '专项巡察' },
    MOBILE: { description: '机动巡察' },
    LOOK_BACK: { description: '巡察“回头看”' },
  },
});

registerEnumType(InspectionMode, {
  name: 'InspectionMode',
  description: 'Organisation of a round (巡察方式)',
  valuesConfig: {
    LOCAL: { description: '本级巡察' },
    ESCALATED: { description: '提级巡察' },
    CROSS: { description: '交叉巡察' },
  },
});

registerEnumType(RoundStatus, {
  name: 'InspectionRoundStatus',
  description: 'Status of a round (轮次状态)',
  valuesConfig: {
    PLANNED: { description: '计划中' },
    IN_PROGRESS: { description: '进驻中' },
    COMPLETED: { description: '已完成' },
    CANCELLED: { description: '已取消' },
  },
});

registerEnumType(FindingCategory, {
  name: 'InspectionFindingCategory',
  description: 'Area of a finding (问题类别)',
  valuesConfig: {
    POLITICAL: { description: '政治建设' },
    PARTY_BUILDING: { description: '党的建设' },
    INTEGRITY: { description: '党风廉政建设' },
    RESPONSIBILITY: { description: '主体责任落实' },
    OTHER: { description: '其他' },
  },
});

registerEnumType(FindingSeverity, {
  name: 'InspectionFindingSeverity',
  description: 'Severity of a finding (严重程度)',
  valuesConfig: {
    LOW: { description: '一般' },
    MEDIUM: { description: '较重' },
    HIGH: { description: '严重' },
  },
});

registerEnumType(RectificationStatus, {
  name: 'RectificationItemStatus',
  description: 'Status of a rectification item (整改状态)',
  valuesConfig: {
    OPEN: { description: '未整改' },
    IN_PROGRESS: { description: '整改中' },
    DONE: { description: '已整改' },
    VERIFIED: { description: '已验收销号' },
    OVERDUE: { description: '逾期未整改 (computed: deadline passed, not done)' },
  },
});
