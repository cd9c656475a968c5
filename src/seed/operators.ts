/**
 * The operators of a synthetic chain: farms, cooperatives, family farms and
 * individual growers in producing counties; collectors (产地收购); wholesalers
 * at markets; processors; supermarket distribution centres and stores; and
 * stallholders. Organisations carry valid USCCs (GB 32100), people valid
 * citizen IDs (GB 11643), of which only a salted digest is registered.
 */
import { createHash } from 'node:crypto';
import {
  USCC_ALPHABET,
  citizenIdCheckCharacter,
  maskedPersonName,
  organisationCodeCheckCharacter,
  regionName,
  usccCheckCharacter,
  type Certification,
  type Command,
  type OperatorKind,
  type OperatorRole,
} from '../domain/index.js';
import {
  CHAINS,
  COUNTIES,
  DISTRICT_NAMES,
  GIVEN_NAMES,
  MARKETS,
  PROCESSORS,
  PRODUCTS,
  STALL_REGIONS,
  SURNAMES,
  VILLAGES,
  type ProductSpec,
  type Trade,
} from './catalog.js';
import type { VaultRow } from '../store/index.js';
import { seedPersonal } from './personal.js';
import type { Random } from './random.js';

export type ChainPart = 'farm' | 'collector' | 'wholesaler' | 'processor' | 'dc' | 'store' | 'stall';

export interface SeedOperator {
  readonly id: string;
  readonly part: ChainPart;
  readonly name: string;
  readonly kind: OperatorKind;
  readonly roles: readonly OperatorRole[];
  readonly region: string;
  readonly address: string;
  readonly phone: string;
  readonly contactName: string;
  readonly citizenId?: string;
  /** Farms: what they grow. Collectors and processors: what they take in. */
  readonly products: readonly string[];
  /** Farms: the production base (生产基地). */
  readonly base?: string;
  /** Stores and distribution centres: which chain. */
  readonly chain?: number;
  readonly certifications: readonly Certification[];
}

/** How many of each part a chain of `lots` lots needs. */
export function operatorCounts(lots: number) {
  const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, Math.round(value)));
  return {
    farms: clamp(lots / 120, 14, 30_000),
    collectorsPerCounty: clamp(lots / 20_000, 1, 20),
    wholesalersPerMarket: clamp(lots / 6_000, 2, 300),
    storesPerRegion: clamp(lots / 40_000, 1, 40),
    stalls: clamp(lots / 2_500, 3, 2_000),
  };
}

export class OperatorFactory {
  private readonly ids = new Set<string>();

  constructor(
    private readonly random: Random,
    private readonly now: Date,
  ) {}

  /** all makes every operator of a chain of `lots` lots, farms spread over each product's counties. */
  all(lots: number): SeedOperator[] {
    const counts = operatorCounts(lots);
    const operators: SeedOperator[] = [];
    const pairs = PRODUCTS.flatMap((product) => product.counties.map((county) => ({ product, county })));
    // Every product is grown in each of its counties, however small the chain.
    for (let i = 0; i < Math.max(counts.farms, pairs.length); i++)
      operators.push(this.farm(pairs[i % pairs.length]!.product, pairs[i % pairs.length]!.county, i));
    for (const county of Object.keys(COUNTIES)) {
      const products = PRODUCTS.filter((p) => p.counties.includes(county) && !p.processing?.required).map((p) => p.name);
      if (products.length === 0) continue;
      for (let i = 0; i < counts.collectorsPerCounty; i++) operators.push(this.collector(county, products, i));
    }
    for (const market of MARKETS) {
      const stalls = Math.max(counts.wholesalersPerMarket, market.trades.length);
      for (let i = 0; i < stalls; i++)
        operators.push(this.wholesaler(market.region, market.name, market.trades[i % market.trades.length]!, i));
    }
    for (const processor of PROCESSORS) {
      operators.push(
        this.organisation('processor', '91', processor.region, processor.name, 'enterprise', ['producer', 'trader'], processor.products),
      );
    }
    CHAINS.forEach((chain, index) => {
      const dcName = `${chain.brand}超市有限公司${DISTRICT_NAMES[chain.dc] ?? ''}配送中心`;
      operators.push({ ...this.organisation('dc', '91', chain.dc, dcName, 'enterprise', ['trader'], []), chain: index });
      for (const region of chain.stores) {
        for (let i = 0; i < counts.storesPerRegion; i++) {
          const name = `${chain.brand}超市有限公司${DISTRICT_NAMES[region] ?? ''}${i === 0 ? '' : `第${i + 1}`}分店`;
          operators.push({ ...this.organisation('store', '91', region, name, 'enterprise', ['trader'], []), chain: index });
        }
      }
    });
    for (let i = 0; i < counts.stalls; i++) operators.push(this.person('stall', STALL_REGIONS[i % STALL_REGIONS.length]!, ['trader'], []));
    return operators;
  }

  /**
   * registration is the operator.register command an operator files for
   * itself (its `attempt`-th filing), with the vault row of its contact.
   */
  registration(operator: SeedOperator, attempt = 0): { command: Command; vault: VaultRow[] } {
    const identity =
      operator.citizenId === undefined
        ? { uscc: operator.id }
        : {
            citizenId: operator.citizenId,
            citizenIdDigest: createHash('sha256').update(`suyuan-seed:${operator.citizenId}`).digest('hex'),
          };
    const individual = operator.kind === 'individual';
    const contact = {
      name: operator.contactName,
      phone: operator.phone,
      ...(individual ? { registeredName: operator.name, address: operator.address } : {}),
    };
    const sealed = seedPersonal(`operator:${operator.id}:${attempt}`, contact, `operator:${operator.id}`, operator.region, this.now);
    const command: Command = {
      type: 'operator.register',
      operatorId: operator.id,
      // An individual is named in the log by a masked name; the full name is in the vault.
      name: publicName(operator),
      kind: operator.kind,
      roles: [...operator.roles],
      region: operator.region,
      ...(individual ? {} : { address: operator.address }),
      contact: sealed.pointer,
      ...identity,
    };
    return { command, vault: [sealed.row] };
  }

  private farm(product: ProductSpec, county: string, index: number): SeedOperator {
    const random = this.random;
    const { short, towns } = COUNTIES[county]!;
    const town = random.pick(towns);
    const base = `${town}${random.pick(VILLAGES)}${product.name}基地`;
    const husbandry = ['livestock', 'aquatic', 'egg', 'poultry'].includes(product.category);
    const roll = index % 20;
    let operator: SeedOperator;
    if (roll < 8) {
      const brand = random.pick(['绿源', '丰收', '岭南', '金穗', '翠园', '南粤', '嘉禾', '天润', '碧野', '农丰']);
      const name = `${regionShort(county)}${brand}${husbandry ? '养殖' : '农业'}有限公司`;
      operator = this.organisation('farm', '91', county, name, 'enterprise', ['producer', 'trader'], [product.name]);
    } else if (roll < 13) {
      const name = `${short}${town.replace(/(镇|街道|乡)$/, '')}${product.name}${husbandry ? '养殖' : '种植'}专业合作社`;
      operator = this.organisation('farm', '93', county, name, 'cooperative', ['producer', 'trader'], [product.name]);
    } else if (roll < 17) {
      const name = `${short}${random.pick(SURNAMES)}${random.pick(GIVEN_NAMES)}家庭农场`;
      operator = this.organisation('farm', '92', county, name, 'family-farm', ['producer', 'trader'], [product.name]);
    } else {
      operator = this.person('farm', county, ['producer', 'trader'], [product.name]);
    }
    const certifications = this.certificationsFor(operator, product, county);
    return { ...operator, base, address: `${regionName(county)}${town}${random.pick(VILLAGES)}`, certifications };
  }

  private collector(county: string, products: readonly string[], index: number): SeedOperator {
    const { short } = COUNTIES[county]!;
    const name = `${short}${index === 0 ? '' : `第${index + 1}`}农产品产销专业合作社联合社`;
    return this.organisation('collector', '93', county, name, 'cooperative', ['trader'], products);
  }

  /** A wholesaler's stall (批发行) at a market; `products` holds its trade. */
  private wholesaler(region: string, market: string, trade: Trade, index: number): SeedOperator {
    const stall = `${this.random.pick(SURNAMES)}记`;
    const name = `${market.replace(/(经营|经营管理)?有限公司$/, '')}${stall}${trade}批发行${index + 1}号档`;
    // Most stalls are registered businesses (个体工商户, USCC prefix 92); some trade in a person's name.
    if (index % 3 === 2) return this.person('wholesaler', region, ['trader'], [trade]);
    return this.organisation('wholesaler', '92', region, name, 'enterprise', ['trader'], [trade]);
  }

  private organisation(
    part: ChainPart,
    prefix: '91' | '92' | '93',
    region: string,
    name: string,
    kind: OperatorKind,
    roles: readonly OperatorRole[],
    products: readonly string[],
  ): SeedOperator {
    let id: string;
    do {
      let body = 'MA';
      for (let i = 0; i < 6; i++) body += this.random.pick([...USCC_ALPHABET]);
      const first17 = `${prefix}${region}${body}${organisationCodeCheckCharacter(body)}`;
      id = first17 + usccCheckCharacter(first17);
    } while (this.ids.has(id));
    this.ids.add(id);
    return {
      id,
      part,
      name,
      kind,
      roles,
      region,
      address: `${regionName(region)}${this.random.pick(['工业大道', '农贸路', '物流园路', '兴业路'])}${this.random.int(1, 300)}号`,
      phone: this.phone(),
      contactName: `${this.random.pick(SURNAMES)}${this.random.pick(GIVEN_NAMES)}`,
      products,
      certifications: [],
    };
  }

  private person(part: ChainPart, region: string, roles: readonly OperatorRole[], products: readonly string[]): SeedOperator {
    const random = this.random;
    const year = random.int(1962, 1998);
    const month = String(random.int(1, 12)).padStart(2, '0');
    const day = String(random.int(1, 28)).padStart(2, '0');
    const first17 = `${region}${year}${month}${day}${random.digits(3)}`;
    const citizenId = first17 + citizenIdCheckCharacter(first17);
    let id: string;
    do id = `person-${region}-${random.digits(8)}`;
    while (this.ids.has(id));
    this.ids.add(id);
    const name = `${random.pick(SURNAMES)}${random.pick(GIVEN_NAMES)}`;
    return {
      id,
      part,
      name,
      kind: 'individual',
      roles,
      region,
      address: `${regionName(region)}${random.pick(VILLAGES)}${random.int(1, 80)}号`,
      phone: this.phone(),
      contactName: name,
      citizenId,
      products,
      certifications: [],
    };
  }

  /** Producers of a county's GI product hold its GI; a share hold green-food certification too. */
  private certificationsFor(operator: SeedOperator, product: ProductSpec, county: string): Certification[] {
    if (operator.kind === 'individual') return [];
    const year = this.now.getUTCFullYear();
    const validity = { validFrom: `${year - 2}-01-01`, validTo: `${year + 2}-12-31` };
    const certifications: Certification[] = [];
    const gi = product.gi?.[county];
    if (gi) certifications.push({ type: 'geographical-indication', number: `AGI${this.random.digits(5)}`, product: gi, ...validity });
    if (this.random.chance(0.3)) {
      const number = `LB-${this.random.int(10, 45)}-${this.random.digits(10)}A`;
      certifications.push({ type: 'green', number, product: product.name, ...validity });
    }
    if (this.random.chance(0.05)) {
      certifications.push({
        type: 'organic',
        number: `${this.random.digits(3)}OP${this.random.digits(7)}`,
        product: product.name,
        ...validity,
      });
    }
    return certifications;
  }

  private phone(): string {
    return this.random.chance(0.7)
      ? `1${this.random.pick(['35', '38', '39', '58', '86', '37'])}${this.random.digits(8)}`
      : `0${this.random.pick(['20', '755', '757', '769', '766', '668'])}-${this.random.digits(8)}`;
  }
}

/** 增城区 → 增城, 罗定市 → 罗定, 安溪县 → 安溪. */
function regionShort(region: string): string {
  return COUNTIES[region]?.short ?? DISTRICT_NAMES[region] ?? '';
}

/** publicName: how the log names a seeded operator (an individual by a masked name, see maskedPersonName). */
export function publicName(operator: Pick<SeedOperator, 'kind' | 'name'>): string {
  return operator.kind === 'individual' ? maskedPersonName(operator.name) : operator.name;
}
