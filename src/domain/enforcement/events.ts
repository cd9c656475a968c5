/** Enforcement events, tagged `case:<id>` and `operator:<id>` (a penalty's status change is an operator event beside it). */
import { z } from 'zod';
import { eventDraftSchema } from '../eventDraft.js';
import { OperatorIdSchema } from '../values/index.js';
import { CloseCaseSchema, OpenCaseSchema, PenalizeSchema, RecordCaseSchema } from './commands.js';

export const CaseOpenedSchema = eventDraftSchema(
  'case.opened',
  OpenCaseSchema.omit({ type: true }).extend({ region: z.string().regex(/^\d{6}$/) }),
);
export const CaseRecordedSchema = eventDraftSchema(
  'case.recorded',
  RecordCaseSchema.omit({ type: true }).extend({ operatorId: OperatorIdSchema }),
);
export const CasePenalizedSchema = eventDraftSchema(
  'case.penalized',
  PenalizeSchema.omit({ type: true }).extend({ operatorId: OperatorIdSchema }),
);
export const CaseClosedSchema = eventDraftSchema(
  'case.closed',
  CloseCaseSchema.omit({ type: true }).extend({ operatorId: OperatorIdSchema }),
);
