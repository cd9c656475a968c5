/** What the ledger remembers about an inspection. */
import type { InspectionKind, InspectionResult } from './commands.js';

export interface InspectionState {
  readonly entity: 'inspection';
  readonly id: string;
  readonly operatorId: string;
  /** The operator's region when inspected. */
  readonly region: string;
  readonly kind: InspectionKind;
  readonly result: InspectionResult;
  readonly rectifyBy?: string;
  /** When, by whom and how an ordered rectification was closed. */
  readonly rectified?: { readonly at: string; readonly by: string; readonly note: string };
  readonly lots: readonly string[];
  readonly at: string;
  /** The inspector (the event's actor). */
  readonly by: string;
}
