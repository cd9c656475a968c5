/**
 * What the synthetic chain is made of: real GB/T 2260 counties with their
 * towns and specialties, products with realistic units, lot sizes and
 * processing yields, and the markets, processors, supermarkets and
 * stallholders downstream. Every region code here is checked against the
 * domain's regionName by test/seed.
 */
import type { Product } from '../domain/index.js';

export type ProductCategory = Product['category'];

export interface ProductSpec {
  readonly name: string;
  readonly category: ProductCategory;
  readonly varieties?: readonly string[];
  readonly unit: 'kg' | 'head' | 'tray';
  /** Farm lot size range, in `unit`. */
  readonly lot: readonly [number, number];
  /** Producing counties. */
  readonly counties: readonly string[];
  /** What a processor makes of it, per unit of input. */
  readonly processing?: {
    readonly outputs: readonly {
      readonly name: string;
      readonly unit: 'kg' | 'box' | 'bag';
      readonly perUnit: number;
      readonly category: ProductCategory;
    }[];
    readonly steps: readonly string[];
    /** Must be processed before it reaches a shop (live pigs, paddy rice). */
    readonly required?: boolean;
  };
  /** A geographical-indication product name (地理标志), by county. */
  readonly gi?: Readonly<Record<string, string>>;
  /** Inputs a grower records (pesticide, veterinary drug, fertiliser). */
  readonly inputs: readonly {
    readonly input: 'pesticide' | 'fertiliser' | 'veterinary-drug';
    readonly name: string;
    readonly registration?: string;
    readonly dose: string;
    readonly interval?: number;
  }[];
}

export const PRODUCTS: readonly ProductSpec[] = [
  {
    name: '荔枝',
    category: 'fruit',
    varieties: ['妃子笑', '桂味', '糯米糍', '仙进奉'],
    unit: 'kg',
    lot: [800, 6000],
    counties: ['440118', '440981', '440113'],
    gi: { '440118': '增城荔枝' },
    processing: { outputs: [{ name: '荔枝干', unit: 'kg', perUnit: 0.22, category: 'fruit' }], steps: ['分拣', '烘焙', '包装'] },
    inputs: [
      { input: 'pesticide', name: '高效氯氰菊酯', registration: 'PD20081234', dose: '4.5%乳油 1500倍液', interval: 10 },
      { input: 'fertiliser', name: '硫酸钾型复合肥', registration: '粤农肥(2019)准字1234号', dose: '每株1.5公斤' },
    ],
  },
  {
    name: '龙眼',
    category: 'fruit',
    varieties: ['储良', '石硖'],
    unit: 'kg',
    lot: [600, 5000],
    counties: ['440981'],
    processing: { outputs: [{ name: '桂圆干', unit: 'kg', perUnit: 0.3, category: 'fruit' }], steps: ['烘焙', '包装'] },
    inputs: [{ input: 'pesticide', name: '吡虫啉', registration: 'PD20070001', dose: '10%可湿性粉剂 2000倍液', interval: 14 }],
  },
  {
    name: '菜心',
    category: 'vegetable',
    varieties: ['四九菜心', '迟菜心'],
    unit: 'kg',
    lot: [200, 2000],
    counties: ['440118', '440113'],
    gi: { '440118': '增城迟菜心' },
    processing: {
      outputs: [{ name: '净菜菜心', unit: 'bag', perUnit: 1.6, category: 'vegetable' }],
      steps: ['清洗', '分切', '预冷', '包装'],
    },
    inputs: [
      { input: 'pesticide', name: '苏云金杆菌', registration: 'PD20096754', dose: '32000IU/mg 可湿性粉剂 每亩50克', interval: 7 },
      { input: 'fertiliser', name: '有机肥', dose: '每亩300公斤' },
    ],
  },
  {
    name: '生猪',
    category: 'livestock',
    varieties: ['杜长大'],
    unit: 'head',
    lot: [30, 300],
    counties: ['445321', '441781'],
    processing: {
      outputs: [
        { name: '白条猪肉', unit: 'kg', perUnit: 82, category: 'livestock' },
        { name: '猪副产品', unit: 'kg', perUnit: 9, category: 'livestock' },
      ],
      steps: ['宰前检疫', '屠宰', '同步检疫', '分割', '冷却排酸'],
      required: true,
    },
    inputs: [
      {
        input: 'veterinary-drug',
        name: '阿莫西林可溶性粉',
        registration: '兽药字(2020)190012345',
        dose: '每升水0.2克 连用5天',
        interval: 28,
      },
    ],
  },
  {
    name: '鸡蛋',
    category: 'egg',
    unit: 'tray',
    lot: [200, 2000],
    counties: ['441322'],
    inputs: [{ input: 'veterinary-drug', name: '新城疫疫苗', registration: '兽药生字(2018)190345678', dose: '每只0.5毫升 饮水免疫' }],
  },
  {
    name: '罗非鱼',
    category: 'aquatic',
    varieties: ['吉富罗非鱼'],
    unit: 'kg',
    lot: [1500, 9000],
    counties: ['440606', '440882'],
    processing: {
      outputs: [{ name: '罗非鱼片', unit: 'kg', perUnit: 0.33, category: 'aquatic' }],
      steps: ['暂养', '宰杀', '剖片', '速冻', '包装'],
    },
    inputs: [
      { input: 'veterinary-drug', name: '聚维酮碘溶液', registration: '兽药字(2019)190056789', dose: '每立方米水体0.3毫升', interval: 7 },
    ],
  },
  {
    name: '英德红茶',
    category: 'tea',
    varieties: ['英红九号'],
    unit: 'kg',
    lot: [50, 400],
    counties: ['441881'],
    gi: { '441881': '英德红茶' },
    processing: {
      outputs: [{ name: '英德红茶礼盒', unit: 'box', perUnit: 4, category: 'tea' }],
      steps: ['萎凋', '揉捻', '发酵', '干燥', '装盒'],
    },
    inputs: [{ input: 'fertiliser', name: '茶树专用有机肥', dose: '每亩200公斤' }],
  },
  {
    name: '凤凰单丛茶',
    category: 'tea',
    varieties: ['鸭屎香', '蜜兰香'],
    unit: 'kg',
    lot: [30, 300],
    counties: ['445103'],
    gi: { '445103': '凤凰单丛茶' },
    processing: {
      outputs: [{ name: '单丛茶礼盒', unit: 'box', perUnit: 4, category: 'tea' }],
      steps: ['晒青', '做青', '杀青', '烘焙', '装盒'],
    },
    inputs: [{ input: 'fertiliser', name: '菜籽饼肥', dose: '每亩150公斤' }],
  },
  {
    name: '铁观音',
    category: 'tea',
    unit: 'kg',
    lot: [50, 500],
    counties: ['350524'],
    gi: { '350524': '安溪铁观音' },
    inputs: [{ input: 'fertiliser', name: '茶树专用有机肥', dose: '每亩200公斤' }],
  },
  {
    name: '稻谷',
    category: 'grain',
    varieties: ['美香占2号', '粤农丝苗'],
    unit: 'kg',
    lot: [3000, 20000],
    counties: ['445381'],
    gi: { '445381': '罗定稻米' },
    processing: {
      outputs: [{ name: '大米', unit: 'kg', perUnit: 0.68, category: 'grain' }],
      steps: ['清理', '砻谷', '碾米', '抛光', '包装'],
      required: true,
    },
    inputs: [{ input: 'pesticide', name: '氯虫苯甲酰胺', registration: 'PD20110596', dose: '200克/升悬浮剂 每亩10毫升', interval: 21 }],
  },
  {
    name: '芒果',
    category: 'fruit',
    varieties: ['台农一号', '桂七'],
    unit: 'kg',
    lot: [1000, 8000],
    counties: ['451022'],
    gi: { '451022': '田东芒果' },
    inputs: [{ input: 'pesticide', name: '咪鲜胺', registration: 'PD20040001', dose: '25%乳油 1000倍液', interval: 14 }],
  },
  {
    name: '菠萝',
    category: 'fruit',
    varieties: ['巴厘'],
    unit: 'kg',
    lot: [2000, 10000],
    counties: ['440825'],
    gi: { '440825': '徐闻菠萝' },
    inputs: [{ input: 'fertiliser', name: '复合肥', dose: '每亩50公斤' }],
  },
];

/** Producing counties (GB/T 2260) and some of their towns and villages. */
export const COUNTIES: Readonly<Record<string, { readonly short: string; readonly towns: readonly string[] }>> = {
  '440118': { short: '增城', towns: ['仙村镇', '石滩镇', '正果镇', '小楼镇', '派潭镇', '中新镇'] },
  '440113': { short: '番禺', towns: ['石楼镇', '化龙镇', '石碁镇', '沙湾街道', '大龙街道'] },
  '440981': { short: '高州', towns: ['根子镇', '分界镇', '泗水镇', '石鼓镇'] },
  '445321': { short: '新兴', towns: ['簕竹镇', '六祖镇', '东成镇'] },
  '441781': { short: '阳春', towns: ['合水镇', '马水镇', '潭水镇'] },
  '441322': { short: '博罗', towns: ['石湾镇', '杨村镇', '龙溪街道'] },
  '440606': { short: '顺德', towns: ['均安镇', '杏坛镇', '勒流街道', '乐从镇'] },
  '440882': { short: '雷州', towns: ['客路镇', '杨家镇', '唐家镇'] },
  '441881': { short: '英德', towns: ['英红镇', '横石塘镇', '浛洸镇'] },
  '445103': { short: '潮安', towns: ['凤凰镇', '归湖镇', '文祠镇'] },
  '350524': { short: '安溪', towns: ['西坪镇', '感德镇', '祥华乡'] },
  '445381': { short: '罗定', towns: ['罗镜镇', '太平镇', '分界镇', '围底镇'] },
  '451022': { short: '田东', towns: ['林逢镇', '祥周镇', '思林镇'] },
  '440825': { short: '徐闻', towns: ['曲界镇', '前山镇', '下洋镇'] },
};

export const VILLAGES = ['东村', '西岭村', '新围村', '塘尾村', '大埔村', '上坑村', '石岗村', '龙头村', '下洞村', '黄沙村'];

/** Wholesale markets (批发市场) downstream, by region. */
export const MARKETS: readonly { readonly region: string; readonly name: string; readonly trades: readonly Trade[] }[] = [
  { region: '440111', name: '广州白云果菜批发市场经营有限公司', trades: ['果蔬'] },
  { region: '440103', name: '广州荔湾水产品批发市场有限公司', trades: ['水产'] },
  { region: '440307', name: '深圳龙岗农产品物流园有限公司', trades: ['果蔬', '肉类', '粮油', '禽蛋', '水产', '茶叶'] },
  { region: '440605', name: '佛山南海农产品交易中心有限公司', trades: ['果蔬', '肉类', '禽蛋', '粮油'] },
  { region: '441900', name: '东莞农副产品中心批发市场有限公司', trades: ['果蔬', '肉类', '水产', '茶叶'] },
  { region: '430111', name: '长沙雨花农副产品大市场有限公司', trades: ['果蔬', '粮油', '茶叶'] },
];

/** What a wholesaler's stall deals in (批发行经营范围), and the product categories that covers. */
export type Trade = '果蔬' | '水产' | '肉类' | '粮油' | '禽蛋' | '茶叶';
export const TRADE_OF: Readonly<Record<ProductCategory, Trade>> = {
  vegetable: '果蔬',
  fruit: '果蔬',
  'edible-fungus': '果蔬',
  aquatic: '水产',
  livestock: '肉类',
  poultry: '禽蛋',
  egg: '禽蛋',
  grain: '粮油',
  oilseed: '粮油',
  tea: '茶叶',
  milk: '禽蛋',
  honey: '粮油',
  other: '果蔬',
};

/** Processors (加工企业), by what they process. */
export const PROCESSORS: readonly { readonly region: string; readonly name: string; readonly products: readonly string[] }[] = [
  { region: '445321', name: '新兴县岭南肉类加工有限公司', products: ['生猪'] },
  { region: '441781', name: '阳春市漠阳江食品有限公司', products: ['生猪'] },
  { region: '440606', name: '顺德区均安水产加工有限公司', products: ['罗非鱼'] },
  { region: '441881', name: '英德市英红茶业有限公司', products: ['英德红茶'] },
  { region: '445103', name: '潮州市凤凰山茶业有限公司', products: ['凤凰单丛茶'] },
  { region: '445381', name: '罗定市丝苗米业有限公司', products: ['稻谷'] },
  { region: '440981', name: '高州市果脯食品有限公司', products: ['荔枝', '龙眼'] },
  { region: '440113', name: '番禺区鲜净蔬菜加工配送有限公司', products: ['菜心'] },
];

/** Supermarket chains: a distribution centre and its stores. */
export const CHAINS: readonly { readonly brand: string; readonly dc: string; readonly stores: readonly string[] }[] = [
  { brand: '岭南鲜生', dc: '440106', stores: ['440106', '440104', '440105', '440111'] },
  { brand: '鹏城优选', dc: '440304', stores: ['440304', '440305', '440307'] },
  { brand: '禅味超市', dc: '440605', stores: ['440604', '440605', '440606'] },
  { brand: '莞邑生活', dc: '441900', stores: ['441900'] },
];

export const DISTRICT_NAMES: Readonly<Record<string, string>> = {
  '440103': '荔湾',
  '440104': '越秀',
  '440105': '海珠',
  '440106': '天河',
  '440111': '白云',
  '440304': '福田',
  '440305': '南山',
  '440307': '龙岗',
  '440604': '禅城',
  '440605': '南海',
  '440606': '顺德',
  '441900': '东莞',
};

/** Regions of retail stallholders (农贸市场摊主), registered as individuals. */
export const STALL_REGIONS = ['440105', '440103', '440111', '440304', '440604'];

export const SURNAMES = ['陈', '李', '黄', '张', '梁', '刘', '林', '何', '吴', '罗', '郑', '钟', '谭', '冯', '邓'];
export const GIVEN_NAMES = ['伟强', '志明', '建华', '秀英', '丽娟', '国荣', '家豪', '少芬', '永康', '美玲', '海涛', '桂芳'];

/** Unregistered buyers on market-entry certificates (入市追溯凭证). */
export const BUYER_KINDS = ['酒家', '食堂', '肉菜档', '餐饮店', '生鲜店'];
export const CANTEENS = ['第三中学', '人民医院', '科技园', '工业园', '区政府机关'];

export const REJECT_REASONS = ['到货腐损超过5%', '数量与合格证不符', '快检农残超标', '冷链温度记录缺失'];
