/** federation.imported: an upstream's verified checkpoint, tagged `federation:<origin>`. */
import { eventDraftSchema } from '../eventDraft.js';
import { RecordImportSchema } from './commands.js';

export const FederationImportedSchema = eventDraftSchema('federation.imported', RecordImportSchema.omit({ type: true }));
