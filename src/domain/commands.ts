/** Every command the domain decides, discriminated by `type`. */
import { z } from 'zod';
import {
  AcceptLotSchema,
  CommissionLotSchema,
  FreezeLotSchema,
  ProcessLotsSchema,
  RecordLotSchema,
  RejectLotSchema,
  ReleaseLotSchema,
  SellLotSchema,
  ShipLotSchema,
} from './lot/commands.js';
import {
  CertifyOperatorSchema,
  ChangeOperatorStatusSchema,
  ConfirmCertificationSchema,
  RegisterOperatorSchema,
  ReviewOperatorSchema,
} from './operator/commands.js';
import { CloseCaseSchema, OpenCaseSchema, PenalizeSchema, RecordCaseSchema } from './enforcement/commands.js';
import { CreateSamplingTaskSchema, RecordResultSchema, ReleaseAlertSchema, TakeSampleSchema } from './monitoring/commands.js';
import { ErasePersonalSchema } from './personal/commands.js';
import { CaptureEpcisSchema } from './epcis/commands.js';
import { RecordImportSchema } from './federation/commands.js';
import { CloseRectificationSchema, RecordInspectionSchema } from './supervision/commands.js';
import { CreatePrincipalSchema, RevokePrincipalSchema } from './principal/commands.js';

export const CommandSchema = z.discriminatedUnion('type', [
  RegisterOperatorSchema,
  ReviewOperatorSchema,
  CertifyOperatorSchema,
  ConfirmCertificationSchema,
  ChangeOperatorStatusSchema,
  CommissionLotSchema,
  RecordLotSchema,
  ShipLotSchema,
  AcceptLotSchema,
  RejectLotSchema,
  ProcessLotsSchema,
  SellLotSchema,
  FreezeLotSchema,
  ReleaseLotSchema,
  CreatePrincipalSchema,
  RevokePrincipalSchema,
  ErasePersonalSchema,
  RecordInspectionSchema,
  CloseRectificationSchema,
  CreateSamplingTaskSchema,
  TakeSampleSchema,
  RecordResultSchema,
  ReleaseAlertSchema,
  OpenCaseSchema,
  RecordCaseSchema,
  PenalizeSchema,
  CloseCaseSchema,
  CaptureEpcisSchema,
  RecordImportSchema,
]);
export type Command = z.infer<typeof CommandSchema>;
export type CommandType = Command['type'];
