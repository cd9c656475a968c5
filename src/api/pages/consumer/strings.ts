/**
 * The consumer page's fixed text, one table per language (zh-CN first, the
 * default; `?lang=en` English). Data (names, regions, products) is shown as
 * recorded, in whatever language it was typed.
 */
import type { LinkVia, LotOrigin, LotStatus, SamplingKind, TraceCodeKind, Verdict } from '../../../domain/index.js';
import { CATEGORY_NAMES, CLAIM_NAMES, KIND_NAMES, STATUS_NAMES, UNIT_NAMES, VIA_NAMES, ZH_FRAME, type PageFrame } from '../html.js';

export type Lang = 'zh-CN' | 'en';

/** langOf: English for `?lang=en`, else zh-CN. */
export const langOf = (query: string | undefined): Lang => (query === 'en' ? 'en' : 'zh-CN');

export interface Strings {
  readonly frame: PageFrame;
  /** Punctuation around data: after a label, around a note, between items. */
  readonly colon: string;
  readonly paren: (text: string) => string;
  readonly comma: string;
  readonly traceCode: string;
  readonly productInfo: string;
  readonly product: string;
  readonly category: string;
  readonly gtin: string;
  readonly quantity: string;
  readonly origin: string;
  readonly producedAt: string;
  readonly operator: string;
  readonly codeRegion: string;
  readonly buyer: string;
  readonly buyerErased: string;
  readonly buyerWithheld: string;
  readonly certificate: string;
  readonly noCertificate: string;
  readonly issuedAt: string;
  readonly issuer: string;
  readonly phone: string;
  readonly commitment: string;
  readonly records: string;
  readonly inputs: Readonly<Record<'pesticide' | 'fertiliser' | 'veterinary-drug', string>>;
  readonly registration: string;
  readonly preHarvest: (days: number) => string;
  readonly operation: string;
  readonly environment: string;
  readonly processing: string;
  readonly oneStepBack: string;
  readonly originLot: string;
  readonly lineage: (upstream: number) => string;
  readonly cut: (shown: number) => string;
  readonly step: (depth: number) => string;
  readonly thisLot: string;
  readonly stepKinds: Readonly<Record<LotOrigin, string>>;
  readonly date: string;
  readonly base: string;
  readonly certifications: string;
  readonly selfDeclared: string;
  readonly confirmed: string;
  readonly validity: (from: string, to: string) => string;
  readonly expired: string;
  readonly tests: string;
  readonly verdicts: Readonly<Record<Verdict, string>>;
  readonly taskKinds: Readonly<Record<SamplingKind, string>>;
  readonly sampledOn: string;
  readonly testedOn: string;
  readonly frozen: string;
  readonly recall: string;
  readonly recallText: (since: string) => string;
  readonly verified: string;
  readonly verifiedText: (lots: number, events: number, size: number) => string;
  readonly notVerified: string;
  readonly offline: readonly [before: string, bundle: string, and: string, key: string, run: string, after: string];
  readonly printLabel: string;
  readonly status: Readonly<Record<LotStatus, string>>;
  readonly kinds: Readonly<Record<TraceCodeKind, string>>;
  readonly categories: Readonly<Record<string, string>>;
  readonly claims: Readonly<Record<string, string>>;
  readonly via: Readonly<Record<LinkVia, string>>;
  readonly units: Readonly<Record<string, string>>;
  readonly mistyped: MistypedStrings;
}

export interface MistypedStrings {
  readonly title: string;
  readonly checkFailed: (typed: string) => string;
  readonly wrongLength: (count: number) => string;
  readonly notDigits: string;
  readonly didYouMean: string;
  readonly questionMark: string;
  readonly candidates: string;
  readonly none: string;
  readonly differs: (position: number, typed: string, valid: string) => string;
  readonly unknownCandidate: string;
  readonly retry: string;
}

const zh: Strings = {
  frame: ZH_FRAME,
  colon: '：',
  paren: (text) => `（${text}）`,
  comma: '，',
  traceCode: '追溯码',
  productInfo: '产品信息',
  product: '产品',
  category: '类别',
  gtin: '商品条码 GTIN',
  quantity: '数量',
  origin: '产地',
  producedAt: '生产日期',
  operator: '生产经营主体',
  codeRegion: '赋码地区',
  buyer: '购买者',
  buyerErased: '已删除',
  buyerWithheld: '个人信息，不公开',
  certificate: '承诺达标合格证',
  noCertificate: '未附合格证。',
  issuedAt: '开具日期',
  issuer: '开具主体',
  phone: '联系电话',
  commitment: '我承诺对生产销售的食用农产品：不使用禁用农药兽药、停用兽药和非法添加物；常规农药兽药残留不超标；对承诺的真实性负责。',
  records: '生产记录',
  inputs: { pesticide: '农药', fertiliser: '肥料', 'veterinary-drug': '兽药' },
  registration: '登记证号',
  preHarvest: (days) => `安全间隔期 ${days} 天`,
  operation: '农事',
  environment: '环境',
  processing: '加工',
  oneStepBack: '向前一步（来源）',
  originLot: '本批次为源头生产批次。',
  lineage: (upstream) => `全程追溯（上游 ${upstream} 个批次）`,
  cut: (shown) => `链条较长，仅显示前 ${shown} 个批次。`,
  step: (depth) => `第 ${depth} 步`,
  thisLot: '本批次',
  stepKinds: { commission: '生产', shipment: '交易', process: '加工', merge: '合并' },
  date: '日期',
  base: '基地',
  certifications: '认证',
  selfDeclared: '自我声明',
  confirmed: '已核验',
  validity: (from, to) => `有效期 ${from} 至 ${to}`,
  expired: '已过期',
  tests: '监管抽检',
  verdicts: { pass: '合格', fail: '不合格' },
  taskKinds: { 'spot-check': '监督抽查', routine: '例行监测', special: '专项监测' },
  sampledOn: '抽样',
  testedOn: '检测',
  frozen: '该批次已被监管部门冻结',
  recall: '风险召回',
  recallText: (since) => `该批次因抽检不合格被召回（${since} 起），请勿食用或销售。`,
  verified: '✓ 已验证',
  verifiedText: (lots, events, size) =>
    `本批次及其上游 ${lots} 个批次的 ${events} 条记录均已写入签名透明日志（日志共 ${size} 条），哈希链完整。`,
  notVerified: '验证未通过',
  offline: ['离线核验：下载 ', '证明包', ' 与 ', '日志公钥', '，运行 ', '。'],
  printLabel: '打印追溯标签',
  status: STATUS_NAMES,
  kinds: KIND_NAMES,
  categories: CATEGORY_NAMES,
  claims: CLAIM_NAMES,
  via: VIA_NAMES,
  units: UNIT_NAMES,
  mistyped: {
    title: '追溯码有误',
    checkFailed: (typed) => `追溯码 ${typed} 未通过校验，可能有数字输错。`,
    wrongLength: (count) => `追溯码应为 20 位数字，您输入了 ${count} 位。`,
    notDigits: '追溯码只含数字（可用空格或连字符分组）。',
    didYouMean: '您是否要查',
    questionMark: '？',
    candidates: '改动一位数字即可通过校验的追溯码（标出的数字与您输入的不同）：',
    none: '改动任何一位数字都无法得到有效的追溯码，请核对标签重新输入。',
    differs: (position, typed, valid) => `第 ${position} 位：${typed} → ${valid}`,
    unknownCandidate: '（未登记）',
    retry: '重新输入',
  },
};

const en: Strings = {
  frame: {
    lang: 'en',
    site: 'Suyuan',
    header: 'Suyuan · Farm produce traceability',
    footer: 'Source traceable · destination trackable · responsibility accountable — every record is in a signed transparency log',
  },
  colon: ': ',
  paren: (text) => ` (${text})`,
  comma: ', ',
  traceCode: 'trace code',
  productInfo: 'Product',
  product: 'Product',
  category: 'Category',
  gtin: 'GTIN (barcode number)',
  quantity: 'Quantity',
  origin: 'Origin',
  producedAt: 'Produced',
  operator: 'Operator',
  codeRegion: 'Issued in',
  buyer: 'Buyer',
  buyerErased: 'erased',
  buyerWithheld: 'personal data, not shown',
  certificate: 'Commitment certificate of compliance',
  noCertificate: 'No certificate attached.',
  issuedAt: 'Issued',
  issuer: 'Issued by',
  phone: 'Phone',
  commitment:
    'I commit that the edible farm produce I produce and sell contains no banned pesticides or veterinary drugs, withdrawn veterinary drugs or illegal additives, that residues of permitted ones are within limits, and I answer for the truth of this commitment.',
  records: 'Production records',
  inputs: { pesticide: 'Pesticide', fertiliser: 'Fertiliser', 'veterinary-drug': 'Veterinary drug' },
  registration: 'registration no.',
  preHarvest: (days) => `pre-harvest interval ${days} days`,
  operation: 'Operation',
  environment: 'Environment',
  processing: 'Processing',
  oneStepBack: 'One step back (sources)',
  originLot: 'This is an origin production lot.',
  lineage: (upstream) => `Full trace (${upstream} upstream ${upstream === 1 ? 'lot' : 'lots'})`,
  cut: (shown) => `A long chain: only the first ${shown} lots are shown.`,
  step: (depth) => `Step ${depth}`,
  thisLot: 'This lot',
  stepKinds: { commission: 'commissioned', shipment: 'handed off', process: 'processed', merge: 'merged' },
  date: 'Date',
  base: 'Base',
  certifications: 'Certifications',
  selfDeclared: 'self-declared',
  confirmed: 'confirmed',
  validity: (from, to) => `valid ${from} to ${to}`,
  expired: 'expired',
  tests: 'Official tests',
  verdicts: { pass: 'pass', fail: 'fail' },
  taskKinds: { 'spot-check': 'spot check', routine: 'routine monitoring', special: 'special monitoring' },
  sampledOn: 'sampled',
  testedOn: 'tested',
  frozen: 'This lot has been frozen by the authorities',
  recall: 'Risk recall',
  recallText: (since) => `This lot is recalled after a failed official test (since ${since}): do not eat or sell it.`,
  verified: '✓ Verified',
  verifiedText: (lots, events, size) =>
    `The ${events} records of this lot and its ${lots} upstream lots are all in the signed transparency log (${size} entries in all); the hash chain is intact.`,
  notVerified: 'Verification failed',
  offline: ['Verify offline: download the ', 'proof bundle', ' and the ', 'log key', ', then run ', '.'],
  printLabel: 'Print the trace label',
  status: {
    open: 'in stock',
    'in-transit': 'in transit',
    received: 'received',
    depleted: 'sold out',
    merged: 'merged',
    rejected: 'rejected',
    frozen: 'frozen',
  },
  kinds: { 1: 'Production lot', 2: 'Circulation lot', 3: 'Market-entry certificate' },
  categories: {
    vegetable: 'vegetables',
    fruit: 'fruit',
    tea: 'tea',
    grain: 'grain',
    oilseed: 'oilseeds',
    'edible-fungus': 'edible fungi',
    livestock: 'livestock products',
    poultry: 'poultry',
    egg: 'eggs',
    milk: 'raw milk',
    aquatic: 'aquatic products',
    honey: 'bee products',
    other: 'other',
  },
  claims: { green: 'Green Food', organic: 'Organic', 'geographical-indication': 'Geographical Indication' },
  via: { shipment: 'handed off', merge: 'merged', process: 'processed' },
  units: { jin: 'jin (500 g)', head: 'head', piece: 'pieces', box: 'boxes', bag: 'bags', crate: 'crates', tray: 'trays' },
  mistyped: {
    title: 'Trace code not valid',
    checkFailed: (typed) => `The trace code ${typed} fails its check: a digit may be mistyped.`,
    wrongLength: (count) => `A trace code has 20 digits; you typed ${count}.`,
    notDigits: 'A trace code holds only digits (spaces or hyphens between groups are fine).',
    didYouMean: 'Did you mean',
    questionMark: '?',
    candidates: 'Codes one digit away that pass the check (the marked digit differs from what you typed):',
    none: 'No single-digit change gives a valid code: please check the label and type it again.',
    differs: (position, typed, valid) => `digit ${position}: ${typed} → ${valid}`,
    unknownCandidate: '(not registered)',
    retry: 'Type it again',
  },
};

export const STRINGS: Readonly<Record<Lang, Strings>> = { 'zh-CN': zh, en };

/** amountIn: a quantity with its unit's name in the page's language (the unit code itself when it has none). */
export const amountIn = (t: Strings, value: number, unit: string): string => `${value} ${t.units[unit] ?? unit}`;
