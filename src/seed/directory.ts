/** The operators of a synthetic chain, grouped by the part they play and what they handle. */
import { PRODUCTS } from './catalog.js';
import type { SeedOperator } from './operators.js';

export class ChainDirectory {
  readonly farms = new Map<string, SeedOperator[]>();
  readonly collectors = new Map<string, SeedOperator[]>();
  readonly processors = new Map<string, SeedOperator[]>();
  readonly wholesalers: SeedOperator[] = [];
  /** Wholesalers by trade (果蔬, 水产, …). */
  readonly trades = new Map<string, SeedOperator[]>();
  readonly dcs: SeedOperator[] = [];
  readonly stores: SeedOperator[][] = [];
  readonly stalls: SeedOperator[] = [];

  constructor(readonly all: readonly SeedOperator[]) {
    const add = (map: Map<string, SeedOperator[]>, key: string, operator: SeedOperator) => {
      const list = map.get(key) ?? [];
      list.push(operator);
      map.set(key, list);
    };
    for (const operator of all) {
      switch (operator.part) {
        case 'farm':
          add(this.farms, operator.products[0]!, operator);
          break;
        case 'collector':
          add(this.collectors, operator.region, operator);
          break;
        case 'processor':
          for (const product of operator.products) add(this.processors, product, operator);
          break;
        case 'wholesaler':
          this.wholesalers.push(operator);
          add(this.trades, operator.products[0]!, operator);
          break;
        case 'dc':
          this.dcs[operator.chain!] = operator;
          break;
        case 'store':
          {
            const chain = this.stores[operator.chain!] ?? [];
            this.stores[operator.chain!] = chain;
            chain.push(operator);
          }
          break;
        case 'stall':
          this.stalls.push(operator);
          break;
      }
    }
    for (const product of PRODUCTS) {
      if (!this.farms.has(product.name)) throw new Error(`no farm grows ${product.name}`);
    }
  }

  /** Producers, in a fixed order, for picking the producer of each farm lot. */
  get producers(): SeedOperator[] {
    return [...this.farms.values()].flat();
  }
}
