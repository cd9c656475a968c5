/**
 * The names of the regulators' kinds, statuses and results, zh-CN first; each is a Record keyed
 * by the domain's own list, so the type checker keeps the names complete. The screens' option
 * lists are these Records' keys, in the domain's order.
 */
import type {
  CaseRecordKind,
  InspectionKind,
  InspectionResult,
  OperatorKind,
  OperatorRole,
  OperatorStatus,
  PenaltyType,
  SamplingKind,
  Verdict,
} from '../../../../src/domain/index.js';
import type { ProductCategory } from '../../../../src/domain/values/index.js';
import type { RiskRule } from '../../../../src/projections/regulation/views.js';
import { defineWords } from '../../i18n.js';

interface Labels {
  readonly operatorStatuses: Record<OperatorStatus, string>;
  readonly operatorKinds: Record<OperatorKind, string>;
  readonly operatorRoles: Record<OperatorRole, string>;
  readonly inspectionKinds: Record<InspectionKind, string>;
  readonly inspectionResults: Record<InspectionResult, string>;
  readonly samplingKinds: Record<SamplingKind, string>;
  readonly verdicts: Record<Verdict, string>;
  readonly categories: Record<ProductCategory, string>;
  readonly caseRecordKinds: Record<CaseRecordKind, string>;
  readonly penaltyTypes: Record<PenaltyType, string>;
  readonly caseStatuses: Record<'open' | 'closed', string>;
  readonly alertStatuses: Record<'open' | 'released', string>;
  readonly riskRules: Record<RiskRule, string>;
}

export const labels = defineWords<Labels>(
  {
    operatorStatuses: {
      pending: '待审核',
      approved: '已通过',
      rejected: '已驳回',
      suspended: '已暂停',
      withdrawn: '已注销',
      revoked: '已吊销',
    },
    operatorKinds: { enterprise: '企业', cooperative: '合作社', 'family-farm': '家庭农场', individual: '个人' },
    operatorRoles: { producer: '生产', trader: '经营' },
    inspectionKinds: { patrol: '日常巡查', inspection: '监督检查', guidance: '工作指导', audit: '工作督查' },
    inspectionResults: { pass: '合格', problems: '发现问题', rectify: '责令整改' },
    samplingKinds: { 'spot-check': '监督抽查', routine: '例行监测', special: '专项监测' },
    verdicts: { pass: '合格', fail: '不合格' },
    categories: {
      vegetable: '蔬菜',
      fruit: '水果',
      tea: '茶叶',
      grain: '粮食',
      oilseed: '油料',
      'edible-fungus': '食用菌',
      livestock: '畜产品',
      poultry: '禽类',
      egg: '禽蛋',
      milk: '生鲜乳',
      aquatic: '水产品',
      honey: '蜂产品',
      other: '其他',
    },
    caseRecordKinds: { inspection: '执法检查记录', evidence: '证据' },
    penaltyTypes: { warning: '警告', fine: '罚款', confiscation: '没收', suspension: '责令停产停业', revocation: '吊销' },
    caseStatuses: { open: '办理中', closed: '已结案' },
    alertStatuses: { open: '冻结中', released: '已解除' },
    riskRules: {
      'pre-harvest-interval': '安全间隔期未满即上市',
      'certification-expired': '认证过期仍在标注',
      'suspended-hand-off': '暂停主体仍在交易',
      'repeat-failures': '多次抽检不合格',
      'overdue-rectification': '整改逾期未完成',
    },
  },
  {
    operatorStatuses: {
      pending: 'Awaiting review',
      approved: 'Approved',
      rejected: 'Rejected',
      suspended: 'Suspended',
      withdrawn: 'Withdrawn',
      revoked: 'Revoked',
    },
    operatorKinds: { enterprise: 'Enterprise', cooperative: 'Cooperative', 'family-farm': 'Family farm', individual: 'Individual' },
    operatorRoles: { producer: 'Producer', trader: 'Trader' },
    inspectionKinds: { patrol: 'Patrol', inspection: 'Inspection', guidance: 'Guidance', audit: 'Audit' },
    inspectionResults: { pass: 'Pass', problems: 'Problems found', rectify: 'Rectification ordered' },
    samplingKinds: { 'spot-check': 'Spot check', routine: 'Routine monitoring', special: 'Special monitoring' },
    verdicts: { pass: 'Pass', fail: 'Fail' },
    categories: {
      vegetable: 'Vegetables',
      fruit: 'Fruit',
      tea: 'Tea',
      grain: 'Grain',
      oilseed: 'Oilseeds',
      'edible-fungus': 'Edible fungi',
      livestock: 'Livestock',
      poultry: 'Poultry',
      egg: 'Eggs',
      milk: 'Raw milk',
      aquatic: 'Aquatic products',
      honey: 'Bee products',
      other: 'Other',
    },
    caseRecordKinds: { inspection: 'Inspection record', evidence: 'Evidence' },
    penaltyTypes: { warning: 'Warning', fine: 'Fine', confiscation: 'Confiscation', suspension: 'Suspension', revocation: 'Revocation' },
    caseStatuses: { open: 'Open', closed: 'Closed' },
    alertStatuses: { open: 'Lots frozen', released: 'Released' },
    riskRules: {
      'pre-harvest-interval': 'Sold before the pre-harvest interval',
      'certification-expired': 'Expired certification still claimed',
      'suspended-hand-off': 'Suspended operator still trading',
      'repeat-failures': 'Repeated failed samples',
      'overdue-rectification': 'Rectification overdue',
    },
  },
);

/** keysOf: a label Record's keys, in the order written (the domain's). */
export const keysOf = <K extends string>(names: Record<K, string>): K[] => Object.keys(names) as K[];
