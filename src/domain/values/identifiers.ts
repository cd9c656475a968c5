/**
 * Zod schemas of the identifiers a command carries. Each one reports the
 * domain's rejection code through the issue's `params.rejection`, so a bad
 * code reads the same at the HTTP edge and inside `decide`.
 */
import { z } from 'zod';
import {
  OPERATOR_ID_PATTERN,
  gtin14,
  isKnownRegionPrefix,
  regionPrefix,
  validateCitizenId,
  validateGtin,
  validateRegion,
  validateTraceCode,
  validateUscc,
} from '../codes/index.js';
import type { RejectionCode } from '../rejections.js';

function checkedBy(validate: (text: string) => readonly string[], rejection: RejectionCode) {
  return z.string().superRefine((text, ctx) => {
    const reasons = validate(text);
    if (reasons.length > 0) ctx.addIssue({ code: 'custom', message: reasons.join('; '), params: { rejection } });
  });
}

function validateCanonicalTraceCode(text: string): readonly string[] {
  if (/^\d{20}$/.test(text)) return validateTraceCode(text);
  return [`trace code must be 20 digits without spaces or hyphens (got "${text}")`];
}

/** A trace code in canonical form: 20 digits, check digits valid (normalise at the edge). */
export const TraceCodeSchema = checkedBy(validateCanonicalTraceCode, 'InvalidTraceCode');
export const RegionCodeSchema = checkedBy(validateRegion, 'UnknownRegion');

/**
 * A region prefix of GB/T 2260: a province (2 digits), a city (4) or a county
 * (6), e.g. 44, 4401, 440113; 440000 and 440100 are the province and city.
 */
export const RegionPrefixCodeSchema = checkedBy(validateRegionPrefix, 'UnknownRegion');

function validateRegionPrefix(text: string): readonly string[] {
  if (!/^\d{2}(\d{2}){0,2}$/.test(text)) return [`region: a 2-, 4- or 6-digit region prefix (got "${text}")`];
  const prefix = regionPrefix(text);
  return isKnownRegionPrefix(prefix) ? [] : [`region ${text} is not in GB/T 2260`];
}
export const UsccSchema = checkedBy(validateUscc, 'InvalidUscc');
export const CitizenIdSchema = checkedBy(validateCitizenId, 'InvalidCitizenId');

/**
 * A GS1 GTIN (商品条码) as an operator records it: 8, 12, 13 or 14 digits with
 * a valid check digit, kept as 14 digits (zeros in front) so that one product
 * has one form. `overwrite`, not `transform`: the type and the OpenAPI schema
 * stay a plain string.
 */
export const GtinSchema = checkedBy(validateGtin, 'InvalidGtin')
  .overwrite(gtin14)
  .describe('GS1 GTIN (商品条码): 8, 12, 13 or 14 digits with a valid GS1 check digit; kept and shown as 14 digits');

/** An operator id: the USCC of an organisation, an opaque id for a person. */
export const OperatorIdSchema = z.string().regex(OPERATOR_ID_PATTERN, 'operator id: 1–64 letters, digits, ".", "_" or "-"');

/**
 * The id of a regulator's record (an inspection, sampling task, sample or
 * case), drawn at the edge: 1–48 letters, digits, ".", "_" or "-", so that
 * the alert a failed sample raises can be named `alert-<sample id>`.
 */
export const RecordIdSchema = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,47}$/, 'record id: 1–48 letters, digits, ".", "_" or "-"');

/** A salted SHA-256 (or HMAC-SHA-256) of a citizen ID, computed at the edge: 64 lower-case hex digits. */
export const DigestSchema = z.string().regex(/^[0-9a-f]{64}$/, 'digest must be 64 lower-case hex digits');

export const PhoneSchema = z.string().regex(/^\+?\d[\d -]{4,19}$/, 'phone: 5–20 digits, spaces or hyphens');

/** Why an authority or operator did something; kept in the log for whoever reviews it later. */
export const ReasonSchema = z.string().min(1).max(1000);

/** C0 controls, DEL, C1 controls and the bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069). */
const HIDDEN_LINE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
/** The same, but tab, line feed and carriage return, which a note may hold. */
const HIDDEN_TEXT = /[^\P{Cc}\t\n\r]|[\u202a-\u202e\u2066-\u2069]/u;

/**
 * TextSchema: free text a regulator's record keeps and shows (findings,
 * test items, legal bases), 1–`max` characters, not blank, with no control
 * character and no bidirectional override that would make it read otherwise
 * than it is stored (a unit written "\u202egk/gm" shows as "mg/kg"). Notes
 * (`multiline`) may hold tabs and line breaks.
 */
export function TextSchema(max: number, options: { readonly multiline?: boolean } = {}) {
  const hidden = options.multiline ? HIDDEN_TEXT : HIDDEN_LINE;
  return z
    .string()
    .min(1)
    .max(max)
    .refine((text) => text.trim().length > 0, 'must not be blank')
    .refine((text) => !hidden.test(text), 'must not hold control characters or bidirectional overrides');
}

/**
 * clipReason fits a reason the domain builds from a command's text into
 * ReasonSchema's 1,000 characters, cutting between whole code points (zod
 * counts them): half a surrogate pair could not be canonicalised, so the
 * append would fail.
 */
export function clipReason(text: string, max = 1000): string {
  if (text.length <= max) return text;
  const characters = [...text];
  return characters.length <= max ? text : characters.slice(0, max).join('');
}

/**
 * PersonalRefSchema: what an event holds in place of a natural person's data
 * (a buyer, a contact): the vault reference and the commitment
 * SHA-256(salt ‖ JCS(data)), both made at the edge. The data and its salt
 * stay in the store's vault, which can forget them.
 */
export const PersonalRefSchema = z.object({
  ref: z.string().regex(/^pd_[A-Za-z0-9_-]{16,64}$/, 'personal-data ref: "pd_" and 16–64 base64url characters'),
  commitment: DigestSchema,
});
export type PersonalRef = z.infer<typeof PersonalRefSchema>;

/**
 * maskedPersonName is how the log names an individual operator (个人): the
 * first character of the name and one 「*」 for each other, e.g. 陈伟强 → 陈**.
 * A natural person's full name is personal data: it lives in the vault with
 * the contact, while an organisation's registered name is a public business fact.
 */
export function maskedPersonName(name: string): string {
  const characters = [...name.trim()];
  if (characters.length <= 1) return '*';
  return characters[0] + '*'.repeat(characters.length - 1);
}
