/** The catalog names real places: every region code is in GB/T 2260; serials never repeat. */
import { describe, expect, it } from 'vitest';
import { regionName } from '../../src/domain/index.js';
import { CHAINS, COUNTIES, MARKETS, PROCESSORS, PRODUCTS, Random, SerialPermutation, STALL_REGIONS } from '../../src/seed/index.js';

describe('the seed catalog', () => {
  it('uses only region codes the domain knows', () => {
    const regions = new Set([
      ...Object.keys(COUNTIES),
      ...PRODUCTS.flatMap((product) => product.counties),
      ...MARKETS.map((market) => market.region),
      ...PROCESSORS.map((processor) => processor.region),
      ...CHAINS.flatMap((chain) => [chain.dc, ...chain.stores]),
      ...STALL_REGIONS,
    ]);
    for (const region of regions) expect(regionName(region), region).toBeDefined();
    expect(regionName('440118')).toBe('广东省广州市增城区');
    expect(regionName('445381')).toBe('广东省云浮市罗定市');
  });

  it('gives every product a producing county it knows', () => {
    for (const product of PRODUCTS) {
      for (const county of product.counties) expect(COUNTIES[county], `${product.name} in ${county}`).toBeDefined();
    }
  });
});

describe('SerialPermutation', () => {
  it('never repeats a serial and keeps it to 11 digits', () => {
    const serials = new SerialPermutation(new Random(9));
    const seen = new Set<string>();
    let malformed = 0;
    for (let n = 0; n < 200_000; n++) {
      const serial = serials.serial(n);
      if (!/^\d{11}$/.test(serial)) malformed++;
      seen.add(serial);
    }
    expect(malformed).toBe(0);
    expect(seen.size).toBe(200_000);
  });

  it('depends on the seed only', () => {
    expect(new SerialPermutation(new Random(1)).serial(5)).toBe(new SerialPermutation(new Random(1)).serial(5));
    expect(new SerialPermutation(new Random(1)).serial(5)).not.toBe(new SerialPermutation(new Random(2)).serial(5));
  });
});
