/**
 * Quantities. Amounts travel as plain decimal numbers (12.5 kg) with at most
 * three decimals; all arithmetic goes through integer thousandths so that
 * sums and differences are exact and never drift (0.1 + 0.2 is 0.3 here).
 */
import { z } from 'zod';

const SCALE = 1000;

/** Largest amount accepted: thousandths of any lot's amounts stay safe integers. */
export const MAX_AMOUNT = 1_000_000_000_000;

/** isValidAmount: positive, at most MAX_AMOUNT and at most three decimals. */
export function isValidAmount(amount: number): boolean {
  return Number.isFinite(amount) && amount > 0 && amount <= MAX_AMOUNT && Math.round(amount * SCALE) / SCALE === amount;
}

/** toThousandths converts an amount of at most three decimals to an integer count of thousandths. */
export function toThousandths(amount: number): number {
  return Math.round(amount * SCALE);
}

/** fromThousandths converts an integer count of thousandths back to a decimal amount. */
export function fromThousandths(thousandths: number): number {
  return thousandths / SCALE;
}

export function addAmounts(a: number, b: number): number {
  return fromThousandths(toThousandths(a) + toThousandths(b));
}

export function subtractAmounts(a: number, b: number): number {
  return fromThousandths(toThousandths(a) - toThousandths(b));
}

export function sumAmounts(amounts: Iterable<number>): number {
  let total = 0;
  for (const amount of amounts) total += toThousandths(amount);
  return fromThousandths(total);
}

/** Units a lot can be counted in. Lots of different units never merge without a processing step. */
export const UNITS = [
  'g',
  'kg',
  't',
  'jin', // 斤, half a kilogram, the unit of Chinese markets
  'mL',
  'L',
  'head',
  'piece',
  'box',
  'bag',
  'crate',
  'tray',
  'bundle',
  'dozen',
] as const;

export const UnitSchema = z.enum(UNITS);
export type Unit = z.infer<typeof UnitSchema>;

export const AmountSchema = z.number().superRefine((amount, ctx) => {
  if (!isValidAmount(amount)) {
    ctx.addIssue({
      code: 'custom',
      message: `amount must be positive, at most ${MAX_AMOUNT} and have at most 3 decimals (got ${amount})`,
      params: { rejection: 'InvalidQuantity' },
    });
  }
});

export const QuantitySchema = z.object({ amount: AmountSchema, unit: UnitSchema });
export type Quantity = z.infer<typeof QuantitySchema>;
