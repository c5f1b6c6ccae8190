import { registerEnumType } from 'type-graphql';

export enum AuditKind {
  ECONOMIC_RESPONSIBILITY = 'ECONOMIC_RESPONSIBILITY',
  DEPARTURE = 'DEPARTURE',
  BUDGET_EXECUTION = 'BUDGET_EXECUTION',
  SPECIAL_FUND = 'SPECIAL_FUND',
}

export enum FindingCategory {
  FUND_MISUSE = 'FUND_MISUSE',
  IRREGULAR_PROCUREMENT = 'IRREGULAR_PROCUREMENT',
  ASSET_LOSS = 'ASSET_LOSS',
  BUDGET_VIOLATION = 'BUDGET_VIOLATION',
  PERFORMANCE = 'PERFORMANCE',
  OTHER = 'OTHER',
}

export enum FindingSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}

export enum RectificationStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  RECTIFIED = 'RECTIFIED',
}

/** Audits that examine one cadre's term of office, so they must name the cadre. */
export const CADRE_AUDITS: readonly AuditKind[] = [AuditKind.ECONOMIC_RESPONSIBILITY, AuditKind.DEPARTURE];

registerEnumType(AuditKind, {
  name: 'AuditKind',
  description: 'Kind of audit project (审计项目类型)',
  valuesConfig: {
    ECONOMIC_RESPONSIBILITY: { description: '经济责任审计' },
    DEPARTURE: { description: '离任审计' },
    BUDGET_EXECUTION: { description: '预算执行审计' },
    SPECIAL_FUND: { description: '专项资金审计' },
  },
});
registerEnumType(FindingCategory, {
  name: 'AuditFindingCategory',
  description: 'Category of an audit finding (审计发现问题类别)',
  valuesConfig: {
    FUND_MISUSE: { description: '违规使用资金' },
    IRREGULAR_PROCUREMENT: { description: '违规采购' },
    ASSET_LOSS: { description: '国有资产流失' },
    BUDGET_VIOLATION: { description: '预算管理不规范' },
    PERFORMANCE: { description: '绩效不佳' },
    OTHER: { description: '其他' },
  },
});
registerEnumType(FindingSeverity, {
  name: 'AuditFindingSeverity',
  description: 'Severity of an audit finding (问题严重程度)',
  valuesConfig: {
    LOW: { description: '一般' },
    MEDIUM: { description: '较重' },
    HIGH: { description: '严重' },
  },
});
registerEnumType(RectificationStatus, {
  name: 'RectificationStatus',
  description: 'Rectification status of a finding (整改状态)',
  valuesConfig: {
    NOT_STARTED: { description: '未整改' },
    IN_PROGRESS: { description: '整改中' },
    RECTIFIED: { description: '已整改' },
  },
});
