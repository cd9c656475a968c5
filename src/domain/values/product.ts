/** What a lot is, where it comes from and the paper that goes with it. */
import { z } from 'zod';
import { IsoDateSchema, endOf, startOf } from './dates.js';
import { GtinSchema, PhoneSchema, RegionCodeSchema } from './identifiers.js';
import { QuantitySchema } from './quantity.js';

export const PRODUCT_CATEGORIES = [
  'vegetable',
  'fruit',
  'tea',
  'grain',
  'oilseed',
  'edible-fungus',
  'livestock',
  'poultry',
  'egg',
  'milk',
  'aquatic',
  'honey',
  'other',
] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

/**
 * What a lot is. `gtin`, where the operator records one, names the product
 * in GS1 terms (and the lot as a GS1 Digital Link); children inherit it
 * with the rest of the product.
 */
export const ProductSchema = z.object({
  name: z.string().min(1).max(100),
  category: z.enum(PRODUCT_CATEGORIES),
  variety: z.string().min(1).max(100).optional(),
  gtin: GtinSchema.optional(),
});
export type Product = z.infer<typeof ProductSchema>;

/** Where a lot was produced: a GB/T 2260 region and, optionally, the production base (生产基地). */
export const OriginSchema = z.object({
  region: RegionCodeSchema,
  base: z.string().min(1).max(200).optional(),
});
export type Origin = z.infer<typeof OriginSchema>;

/**
 * What a certificate's commitment rests on (承诺依据): the producer's quality
 * and safety control (质量安全控制), its own test (自行检测) or a test it
 * commissioned (委托检测).
 */
export const CERTIFICATE_BASES = ['quality-control', 'self-test', 'commissioned-test'] as const;
export type CertificateBasis = (typeof CERTIFICATE_BASES)[number];

/**
 * The commitment certificate of compliance (承诺达标合格证): product, quantity,
 * origin, issue time, issuer, contact and, optionally, the commitment's basis
 * (optional so that certificates recorded before it was asked for stay valid).
 * Re-issued after mixing or repacking.
 */
export const CertificateSchema = z.object({
  product: z.string().min(1).max(100),
  quantity: QuantitySchema,
  origin: z.string().min(1).max(200),
  issuedAt: IsoDateSchema,
  issuer: z.string().min(1).max(200),
  contact: PhoneSchema,
  basis: z.enum(CERTIFICATE_BASES).optional(),
});
export type Certificate = z.infer<typeof CertificateSchema>;

/** An unregistered buyer named on a market-entry certificate (入市追溯凭证). */
export const BuyerSchema = z.object({
  name: z.string().min(1).max(200),
  phone: PhoneSchema.optional(),
  address: z.string().min(1).max(300).optional(),
});
export type Buyer = z.infer<typeof BuyerSchema>;

export const CERTIFICATION_TYPES = ['green', 'organic', 'geographical-indication'] as const;

/** A product certification: green food 绿色食品, organic 有机农产品 or geographical indication 地理标志. */
export const CertificationSchema = z.object({
  type: z.enum(CERTIFICATION_TYPES),
  number: z.string().min(1).max(64),
  product: z.string().min(1).max(100),
  validFrom: IsoDateSchema,
  validTo: IsoDateSchema,
});
export type Certification = z.infer<typeof CertificationSchema>;

/** isValidAt: the instant `nowMs` lies within the certification's validity (a bare date lasts its whole day). */
export function isValidAt(certification: Pick<Certification, 'validFrom' | 'validTo'>, nowMs: number): boolean {
  return startOf(certification.validFrom) <= nowMs && nowMs <= endOf(certification.validTo);
}

/** certificationKey: a certification is known by its type and number (`green:LB-1`), as lots claim it. */
export const certificationKey = (certification: { readonly type: string; readonly number: string }): string =>
  `${certification.type}:${certification.number}`;
