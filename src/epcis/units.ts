/**
 * Suyuan's units in EPCIS quantities: masses and volumes as UN/ECE Recommendation 20 codes (斤 as
 * half a kilogram, exactly), countable goods as a plain count of the lot's instances (EPCIS: a
 * quantity without `uom` counts instances; a dozen counts twelve), packages as a count of packages
 * with the unit kept in a Suyuan extension so nothing is lost.
 */
import type { Quantity, Unit } from '../domain/index.js';

interface UnitMapping {
  /** UN/ECE Rec 20 code; absent for a count. */
  readonly uom?: string;
  /** What one of the unit is in `uom` (or in instances). */
  readonly factor: number;
  /** The count is of packages, not instances: the extension names the package. */
  readonly packaged: boolean;
}

const UNIT_MAPPINGS: Readonly<Record<Unit, UnitMapping>> = {
  g: { uom: 'GRM', factor: 1, packaged: false },
  kg: { uom: 'KGM', factor: 1, packaged: false },
  t: { uom: 'TNE', factor: 1, packaged: false },
  jin: { uom: 'KGM', factor: 0.5, packaged: false },
  mL: { uom: 'MLT', factor: 1, packaged: false },
  L: { uom: 'LTR', factor: 1, packaged: false },
  head: { factor: 1, packaged: false },
  piece: { factor: 1, packaged: false },
  dozen: { factor: 12, packaged: false },
  box: { factor: 1, packaged: true },
  bag: { factor: 1, packaged: true },
  crate: { factor: 1, packaged: true },
  tray: { factor: 1, packaged: true },
  bundle: { factor: 1, packaged: true },
};

export interface EpcisQuantity {
  readonly quantity: number;
  readonly uom?: string;
}

/** epcisQuantity: the EPCIS quantity (and uom) of a Suyuan quantity; amounts keep at most 3 decimals. */
export function epcisQuantity({ amount, unit }: Quantity): EpcisQuantity {
  const mapping = UNIT_MAPPINGS[unit];
  // Amounts have at most 3 decimals (the domain's rule) and factors are 0.5, 1 or 12: rounding to
  // 4 decimals removes binary noise such as 0.1 * 3 without changing any representable value.
  const quantity = Math.round(amount * mapping.factor * 10_000) / 10_000;
  return mapping.uom === undefined ? { quantity } : { quantity, uom: mapping.uom };
}

/** packageOf: the package a count is of (box, bag, …), for the extension field, or undefined. */
export const packageOf = (unit: Unit): Unit | undefined => (UNIT_MAPPINGS[unit].packaged ? unit : undefined);
