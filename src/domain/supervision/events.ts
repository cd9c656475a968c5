/**
 * Supervision events, tagged `inspection:<id>` and `operator:<id>` (so a
 * region-scoped log reader sees them with the operator). The inspector is the
 * event's actor and the time its time: the record is the evidence of the work.
 */
import { z } from 'zod';
import { eventDraftSchema } from '../eventDraft.js';
import { OperatorIdSchema, ReasonSchema, RecordIdSchema } from '../values/index.js';
import { RecordInspectionSchema } from './commands.js';

/** The inspection as recorded, with the operator's region at the time. */
export const InspectionRecordedSchema = eventDraftSchema(
  'inspection.recorded',
  RecordInspectionSchema.omit({ type: true }).extend({ region: z.string().regex(/^\d{6}$/) }),
);

export const RectificationClosedSchema = eventDraftSchema(
  'inspection.rectificationClosed',
  z.object({ inspectionId: RecordIdSchema, operatorId: OperatorIdSchema, note: ReasonSchema }),
);
