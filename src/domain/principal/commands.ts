/**
 * Commands about API principals: who may call the API with which key. Keys
 * never enter the log, only their SHA-256 digests, so every node that follows
 * the log can authenticate a caller and none can impersonate one.
 */
import { z } from 'zod';
import { DigestSchema, OperatorIdSchema, ReasonSchema } from '../values/index.js';

/** admin and the regional authorities act on the domain; auditor and subscriber only read. */
export const PRINCIPAL_ROLES = ['admin', 'reviewer', 'inspector', 'monitor', 'enforcer', 'operator', 'auditor', 'subscriber'] as const;
export type PrincipalRole = (typeof PRINCIPAL_ROLES)[number];

/** Roles scoped to a region prefix; admin's region is optional ('' = everywhere). */
export const REGIONAL_ROLES: readonly PrincipalRole[] = ['reviewer', 'inspector', 'monitor', 'enforcer'];

/**
 * LOG_ROLES read the whole log; their region is optional. A scoped one sees
 * full bodies only of the events that touch its region, so a nationwide one
 * sees everything and only the bootstrap admin may create it.
 */
export const LOG_ROLES: readonly PrincipalRole[] = ['auditor', 'subscriber'];

/** BOOTSTRAP_ADMIN_ID is the id of the admin whose key is configured outside the log (src/api/auth/principal.ts). */
export const BOOTSTRAP_ADMIN_ID = 'admin';

export const PrincipalIdSchema = z
  .string()
  .regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/, 'principal id: 1–64 letters, digits, ".", "_" or "-"');

/**
 * Ids the API already gives a meaning to: the bootstrap admin (`admin`, see
 * src/api/auth/principal.ts) and the names of callers that are no principal.
 * A principal with one of them would be mistaken for that caller in logs and
 * event actors, so none may be created, whatever its letter case.
 */
export const RESERVED_PRINCIPAL_IDS = ['admin', 'public', 'system', 'anonymous', 'root'] as const;

/** isReservedPrincipalId reports whether `id` is a built-in name in any letter case. */
export function isReservedPrincipalId(id: string): boolean {
  return (RESERVED_PRINCIPAL_IDS as readonly string[]).includes(id.toLowerCase());
}

/** A region prefix: '' (everywhere), a province (2 digits), a city (4) or a county (6). */
export const RegionPrefixSchema = z.string().regex(/^(\d{2}){0,3}$/, 'region prefix: 0, 2, 4 or 6 digits');

export const CreatePrincipalSchema = z.object({
  type: z.literal('principal.create'),
  id: PrincipalIdSchema,
  name: z.string().min(1).max(100),
  role: z.enum(PRINCIPAL_ROLES),
  region: RegionPrefixSchema.optional(),
  operatorId: OperatorIdSchema.optional(),
  /** SHA-256 (hex) of the key text the principal presents as a Bearer token. */
  keyDigest: DigestSchema,
});
export type CreatePrincipal = z.infer<typeof CreatePrincipalSchema>;

export const RevokePrincipalSchema = z.object({
  type: z.literal('principal.revoke'),
  id: PrincipalIdSchema,
  reason: ReasonSchema,
});
export type RevokePrincipal = z.infer<typeof RevokePrincipalSchema>;
