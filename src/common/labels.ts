/**
 * The one label dictionary (标签字典): every enum value and record type the hub shows a
 * person, in Chinese. The printable briefing (src/gateway/briefing.ts) and the web
 * console (console/, which imports this file at build time) both read it, so a
 * screen and a printed page never name the same thing differently, and nobody ever
 * sees a raw code. `test/labels.test.ts` fails when an enum value of
 * schema/supergraph.graphql has no label here.
 *
 * Plain data only: the console bundles this file, so it must not import the server.
 */
export const ENUM_LABELS = {
  AgencyKind: {
    INSPECTION_OFFICE: '巡察办',
    DISCIPLINE_COMMISSION: '纪委监委',
    AUDIT_BUREAU: '审计局',
    ORGANIZATION_DEPARTMENT: '组织部',
    PETITION_BUREAU: '信访局',
    PUBLIC_SECURITY: '公安局',
    PROCURATORATE: '人民检察院',
    COURT: '人民法院',
    LEGAL_AFFAIRS: '司法局',
    HR_SOCIAL_SECURITY: '人力资源和社会保障局',
    STAFFING_OFFICE: '机构编制委员会办公室',
    FINANCE_BUREAU: '财政局',
    MARKET_REGULATION: '市场监督管理局',
  },
  AuditFindingCategory: {
    FUND_MISUSE: '违规使用资金',
    IRREGULAR_PROCUREMENT: '违规采购',
    ASSET_LOSS: '国有资产流失',
    BUDGET_VIOLATION: '预算管理不规范',
    PERFORMANCE: '绩效不佳',
    OTHER: '其他',
  },
  AuditFindingSeverity: { LOW: '一般', MEDIUM: '较重', HIGH: '严重' },
  AuditKind: { ECONOMIC_RESPONSIBILITY: '经济责任审计', DEPARTURE: '离任审计', BUDGET_EXECUTION: '预算执行审计', SPECIAL_FUND: '专项资金审计' },
  ClueSource: { PETITION: '信访举报', INSPECTION: '巡察移交', AUDIT: '审计移送', SUPERVISION: '监督检查', CASE: '审查调查', OTHER: '其他' },
  ClueStatus: { RECEIVED: '已受理', DISPOSING: '处置中', FILED: '已立案', CLOSED: '已办结' },
  DataRequestOrder: { NEWEST: '最新在前', OVERDUE_FIRST: '逾期在前，再按答复期限' },
  DataRequestStatus: { PENDING: '待答复', APPROVED: '已同意', DECLINED: '已拒绝', WITHDRAWN: '已撤回' },
  AuditChainStatus: { INTACT: '审计链完好', BROKEN: '审计链已被破坏', UNVERIFIABLE: '审计链无法校验' },
  AuditProblemKind: {
    TAIL_TRUNCATED: '末尾被截断',
    ENTRY_DELETED: '记录被删除',
    ENTRY_ALTERED: '记录被篡改',
    LEGACY_DOWNGRADE: '降级改写',
    CHECKPOINT_MISMATCH: '与检查点不符',
    CHECKPOINT_INVALID: '检查点无效',
    NO_CHECKPOINT: '缺少检查点',
    UNKNOWN_KEY: '密钥未配置',
  },
  DisclosureEffect: { ALLOW: '原文', MASK: '脱敏', OWNER: '本单位数据' },
  DisposalMethod: { TALK_LETTER_INQUIRY: '谈话函询', PRELIMINARY_VERIFICATION: '初步核实', SHELVE: '暂存待查', CLOSE: '予以了结' },
  /** FastTrackEvent.action (a string in the API). */
  FastTrackAction: { RECORD: '登记线索', TEAM_OPINION: '巡察组研判意见', COMMISSION_OPINION: '纪委监委研判意见', TRANSFER: '接收移交', DISPOSE: '处置', FILE: '立案', CLOSE: '办结' },
  FastTrackStatus: { RECORDED: '已登记', REVIEWED: '已联席研判', TRANSFERRED: '已移交', DISPOSED: '已处置', FILED: '已立案', CLOSED: '已办结' },
  GrantChangeAction: { CREATE: '新建', NARROW: '收窄', REVOKE: '撤销', RESCHEDULE: '随轮次调整期限' },
  GrantEffect: { ALLOW: '原文可见', MASK: '脱敏后可见' },
  GrantScopeKind: { ALL_UNITS: '全部单位', LISTED_UNITS: '指定单位', TEAM_UNITS: '本巡察组在进行中轮次的被巡察单位' },
  GrantSubjectKind: { AGENCY: '单位', ROLE: '角色', TEAM: '巡察组', PRINCIPAL: '个人' },
  InspectionFindingCategory: { POLITICAL: '政治建设', PARTY_BUILDING: '党的建设', INTEGRITY: '党风廉政建设', RESPONSIBILITY: '主体责任落实', OTHER: '其他' },
  InspectionFindingSeverity: { LOW: '一般', MEDIUM: '较重', HIGH: '严重' },
  InspectionKind: { REGULAR: '常规巡察', SPECIAL: '专项巡察', MOBILE: '机动巡察', LOOK_BACK: '巡察“回头看”' },
  InspectionMode: { LOCAL: '本级巡察', ESCALATED: '提级巡察', CROSS: '交叉巡察' },
  InspectionRoundStatus: { PLANNED: '计划中', IN_PROGRESS: '进驻中', COMPLETED: '已完成', CANCELLED: '已取消' },
  MaskStrategy: {
    CHINESE_NAME: '姓名脱敏（张**）',
    RESIDENT_ID: '身份证号脱敏（保留前6位后4位）',
    MOBILE: '手机号脱敏（138****1234）',
    REDACT_TEXT: '文本隐去',
    AMOUNT_BUCKET: '金额区间',
    DATE_YEAR: '日期只保留年份',
    PSEUDONYM: '假名（本单位内可关联）',
  },
  OpinionSentiment: { NEGATIVE: '负面', NEUTRAL: '中性', POSITIVE: '正面' },
  PetitionCategory: {
    EIGHT_POINT_RULES: '违反中央八项规定精神',
    ORGANIZATIONAL_DISCIPLINE: '违反组织纪律',
    INTEGRITY_DISCIPLINE: '违反廉洁纪律',
    MASS_DISCIPLINE: '违反群众纪律',
    WORK_DISCIPLINE: '违反工作纪律',
    LIFESTYLE_DISCIPLINE: '违反生活纪律',
    LITIGATION_RELATED: '涉法涉诉',
    OTHER: '其他',
  },
  PetitionChannel: { LETTER: '来信', VISIT: '来访', PHONE: '来电', ONLINE: '网上信访', EMAIL: '电子邮件' },
  PetitionStatus: { RECEIVED: '已受理', TRANSFERRED: '已转办', HANDLING: '办理中', CONCLUDED: '已办结' },
  PrincipalKind: { USER: '人员', SYSTEM: '业务系统' },
  RectificationItemStatus: { OPEN: '未整改', IN_PROGRESS: '整改中', DONE: '已整改', VERIFIED: '已验收销号', OVERDUE: '逾期未整改' },
  RectificationStatus: { NOT_STARTED: '未整改', IN_PROGRESS: '整改中', RECTIFIED: '已整改' },
  RecusalReason: { HOME_REGION: '籍贯或居住地在被巡察地区', CURRENT_EMPLOYER: '现工作单位', PAST_EMPLOYER: '曾工作单位' },
  RegionLevel: { CITY: '市', DISTRICT: '区（县）', TOWNSHIP: '乡镇（街道）', VILLAGE: '村（社区）' },
  Role: {
    ADMIN: '平台管理员',
    AGENCY_OFFICER: '单位联络员',
    AGENCY_SYSTEM: '单位业务系统',
    INSPECTION_OFFICE: '巡察办工作人员',
    TEAM_LEADER: '巡察组组长',
    TEAM_MEMBER: '巡察组成员',
    CASE_SUPERVISION: '案件监督管理',
  },
  SanctionKind: { PARTY: '党纪处分', GOVERNMENT: '政务处分' },
  SanctionLevel: {
    WARNING: '警告（党纪）',
    SERIOUS_WARNING: '严重警告',
    REMOVAL_FROM_PARTY_POST: '撤销党内职务',
    PROBATION: '留党察看',
    EXPULSION: '开除党籍',
    GOV_WARNING: '警告（政务）',
    DEMERIT: '记过',
    MAJOR_DEMERIT: '记大过',
    DEMOTION: '降级',
    DISMISSAL_FROM_POST: '撤职',
    EXPULSION_FROM_OFFICE: '开除',
  },
  SectionAvailability: {
    AVAILABLE: '已提供',
    EMPTY: '已授权，无相关记录',
    PENDING_REQUEST: '协查请求待答复',
    DECLINED: '协查请求被拒绝',
    NOT_SHARED: '未共享',
    SOURCE_UNAVAILABLE: '数据来源暂不可用',
  },
  SharingClass: { OPEN: '无条件共享', CONDITIONAL: '有条件共享', RESTRICTED: '不予共享' },
  SignInOutcome: {
    SUCCESS: '登录成功',
    FAILURE: '密码错误或账号不存在',
    LOCKED_OUT: '账号已锁定，拒绝登录',
    LOGOUT: '退出登录',
    PASSWORD_SET: '密码由管理员设置',
    PASSWORD_CHANGED: '本人修改密码',
    API_KEY_SET: '接口密钥由管理员签发或重置',
    ROLES_CHANGED: '角色由管理员调整',
    DEACTIVATED: '账号被管理员停用',
    ACTIVATED: '账号被管理员启用',
  },
  UnitKind: {
    PARTY_GOVERNMENT_DEPARTMENT: '党政机关部门',
    STATE_ENTERPRISE: '国有企业',
    PUBLIC_INSTITUTION: '事业单位',
    TOWNSHIP: '乡镇（街道）党委',
    VILLAGE: '村（社区）党组织',
  },
} as const satisfies Record<string, Record<string, string>>;

export type LabelledEnum = keyof typeof ENUM_LABELS;

/** What an API error's code means to a person (the hub's own message follows as detail). */
export const ERROR_LABELS: Record<string, string> = {
  FORBIDDEN: '无权访问',
  UNAUTHENTICATED: '未登录或会话已过期',
  BAD_USER_INPUT: '输入有误',
  NOT_FOUND: '未找到',
  CONFLICT: '状态已变化，请刷新后重试',
  SERVICE_UNAVAILABLE: '数据来源暂不可用',
  LOCKED_OUT: '账号已锁定',
};

export const errorLabel = (code: string | null | undefined) => ERROR_LABELS[code ?? ''] ?? '操作失败';

/** Chinese names of the record types a person meets (in requests, grants, the audit trail). */
export const TYPE_LABELS: Record<string, string> = {
  InspectedUnit: '被巡察单位',
  Cadre: '干部',
  CadrePosting: '任职经历',
  Region: '行政区划',
  Petition: '信访件',
  PublicOpinionItem: '舆情信息',
  ProblemClue: '问题线索',
  Sanction: '党纪政务处分',
  StationedGroup: '派驻纪检监察组',
  AuditProject: '审计项目',
  AuditFinding: '审计发现问题',
  AuditStats: '审计统计',
  InspectionRound: '巡察轮次',
  InspectionTeam: '巡察组',
  Inspector: '巡察人才库人员',
  InspectionFinding: '巡察发现问题',
  RectificationItem: '整改事项',
  InspectionRecord: '巡察记录',
  FastTrackClue: '绿色通道线索',
  FastTrackEvent: '线索办理记录',
};

/**
 * What each publish mutation's batches hold (its `kind` in the publish log), as the
 * record type they write: labelled with TYPE_LABELS.
 */
export const PUBLISH_KIND_TYPES: Record<string, string> = {
  units: 'InspectedUnit',
  cadres: 'Cadre',
  petitions: 'Petition',
  publicOpinions: 'PublicOpinionItem',
  clues: 'ProblemClue',
  sanctions: 'Sanction',
  'stationed-groups': 'StationedGroup',
  auditProjects: 'AuditProject',
  inspectors: 'Inspector',
  rounds: 'InspectionRound',
  findings: 'InspectionFinding',
};

/** The Chinese name of a publish batch's kind (never the mutation's word for it). */
export const publishKindLabel = (kind: string) => typeLabel(PUBLISH_KIND_TYPES[kind]);

/** Chinese headings of the pre-inspection dossier's sections (巡前材料), in their order. */
export const SECTION_HEADINGS: Record<string, string> = {
  profile: '被巡察单位基本情况',
  petitions: '信访举报情况',
  clues: '问题线索及处置情况',
  sanctions: '党纪政务处分情况',
  supervision: '派驻纪检监察组日常监督情况',
  audit: '审计发现问题及整改情况',
  history: '历次巡察发现问题及整改情况',
};

/** A dossier section's state, once: data readable (AVAILABLE, EMPTY) or why not. */
export const sectionReadable = (availability: string | null | undefined) => availability === 'AVAILABLE' || availability === 'EMPTY';

/**
 * What one data request means for a section, as one phrase (plain text: the briefing
 * escapes it, React does too). The section's own state is shown first and alone;
 * the requests only explain it — a pending request beside an available section asks
 * for more than the team already sees, it does not contradict it.
 */
export function requestExplanation(
  r: { providerAgencyName: string; typeName: string; status: string; declineReason?: string | null },
  sectionAvailability: string,
): string {
  const who = `${r.providerAgencyName}（${typeLabel(r.typeName)}）`;
  switch (r.status) {
    case 'PENDING':
      return `${who}：协查请求待答复${sectionReadable(sectionAvailability) ? '，答复前其中的有条件共享内容不显示' : ''}`;
    case 'APPROVED':
      return `${who}：已同意协查${sectionReadable(sectionAvailability) || sectionAvailability === 'SOURCE_UNAVAILABLE' ? '' : '，但相应授权已到期或已撤销'}`;
    case 'DECLINED':
      return `${who}：已拒绝协查${r.declineReason ? `，理由：${r.declineReason}` : ''}`;
    case 'WITHDRAWN':
      return `${who}：协查请求已撤回`;
    default:
      return `${who}：${enumLabel('DataRequestStatus', r.status)}`;
  }
}

/** Why a section without requests is not shared. */
export const NOT_SHARED_EXPLANATION = '未提出协查请求，或授权已到期、已撤销。';
export const SOURCE_UNAVAILABLE_EXPLANATION = '提供该部分的数据源暂时无法访问，其余部分不受影响，请稍后刷新。';

/**
 * The sentence under a section's state when its requests do not already say why:
 * not shared without any request, or its source down. `null` when nothing to add.
 */
export function sectionNote(availability: string, requestCount: number): string | null {
  if (availability === 'SOURCE_UNAVAILABLE') return SOURCE_UNAVAILABLE_EXPLANATION;
  if (availability === 'NOT_SHARED' && requestCount === 0) return NOT_SHARED_EXPLANATION;
  return null;
}

/** The Chinese label of an enum value; a value the dictionary lacks shows as 未知 rather than as a code. */
export function enumLabel(enumName: LabelledEnum, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return (ENUM_LABELS[enumName] as Record<string, string>)[value] ?? '未知';
}

/** The Chinese name of a record type; unknown types show as 其他数据, never as a type name. */
export function typeLabel(typeName: string | null | undefined): string {
  if (!typeName) return '—';
  return TYPE_LABELS[typeName] ?? '其他数据';
}
