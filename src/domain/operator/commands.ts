/** Commands about operators (经营主体): register, review, certify, confirm a certification, suspend, reinstate, withdraw. */
import { z } from 'zod';
import {
  CertificationSchema,
  CitizenIdSchema,
  DigestSchema,
  OperatorIdSchema,
  PersonalRefSchema,
  PhoneSchema,
  ReasonSchema,
  RegionCodeSchema,
  UsccSchema,
} from '../values/index.js';

/** enterprise 企业, cooperative 合作社, family farm 家庭农场, individual 个人. */
export const OPERATOR_KINDS = ['enterprise', 'cooperative', 'family-farm', 'individual'] as const;
export type OperatorKind = (typeof OPERATOR_KINDS)[number];

export const OPERATOR_ROLES = ['producer', 'trader'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

export const ContactSchema = z.object({ name: z.string().min(1).max(50).optional(), phone: PhoneSchema });
export type Contact = z.infer<typeof ContactSchema>;

export const RegisterOperatorSchema = z.object({
  type: z.literal('operator.register'),
  operatorId: OperatorIdSchema,
  name: z.string().min(1).max(200),
  kind: z.enum(OPERATOR_KINDS),
  roles: z
    .array(z.enum(OPERATOR_ROLES))
    .min(1)
    .refine((roles) => new Set(roles).size === roles.length, 'roles must be distinct'),
  /** GB/T 2260 code of the county (or city) whose reviewers supervise the operator. */
  region: RegionCodeSchema,
  /**
   * The business address of an enterprise, cooperative or family farm; an
   * individual's address is personal data and travels in `contact`'s vault row.
   */
  address: z.string().min(1).max(300).optional(),
  /** The contact person and phone (and an individual's address), kept in the vault: only its reference is logged. */
  contact: PersonalRefSchema,
  /** Required for enterprises and cooperatives, whose operator id it then is. */
  uscc: UsccSchema.optional(),
  /** An individual's citizen ID: validated, never stored. */
  citizenId: CitizenIdSchema.optional(),
  /** The salted digest of citizenId, computed at the edge; the only trace of it that is kept. */
  citizenIdDigest: DigestSchema.optional(),
  /**
   * For a public filing: SHA-256 (hex) of a random secret the edge returns
   * once to the registrant, who presents it to file again after a rejection.
   * The edge computes it; the domain never sees the secret. Ignored unless
   * the public files.
   */
  registrantKeyDigest: DigestSchema.optional(),
});
export type RegisterOperator = z.infer<typeof RegisterOperatorSchema>;

export const ReviewOperatorSchema = z.object({
  type: z.literal('operator.review'),
  operatorId: OperatorIdSchema,
  decision: z.enum(['approve', 'reject']),
  /** Required when rejecting. */
  reason: ReasonSchema.optional(),
});
export type ReviewOperator = z.infer<typeof ReviewOperatorSchema>;

export const CertifyOperatorSchema = z.object({
  type: z.literal('operator.certify'),
  operatorId: OperatorIdSchema,
  certification: CertificationSchema,
});
export type CertifyOperator = z.infer<typeof CertifyOperatorSchema>;

/** A certification named by its type and number, as a lot claims it or a reviewer confirms it. */
export const CertificationRefSchema = CertificationSchema.pick({ type: true, number: true });
export type CertificationRef = z.infer<typeof CertificationRefSchema>;

/** A reviewer or admin of the operator's region confirms a certification the operator declared itself. */
export const ConfirmCertificationSchema = z.object({
  type: z.literal('operator.confirmCertification'),
  operatorId: OperatorIdSchema,
  certification: CertificationRefSchema,
});
export type ConfirmCertification = z.infer<typeof ConfirmCertificationSchema>;

export const ChangeOperatorStatusSchema = z.object({
  type: z.literal('operator.changeStatus'),
  operatorId: OperatorIdSchema,
  action: z.enum(['suspend', 'reinstate', 'withdraw']),
  reason: ReasonSchema,
});
export type ChangeOperatorStatus = z.infer<typeof ChangeOperatorStatusSchema>;
