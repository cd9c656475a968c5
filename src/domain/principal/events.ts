/** Events about API principals, tagged `principal:<id>` and `principals` (so a node loads them all with one read). */
import { z } from 'zod';
import { eventDraftSchema } from '../eventDraft.js';
import { ReasonSchema } from '../values/index.js';
import { CreatePrincipalSchema, PrincipalIdSchema } from './commands.js';

export const PrincipalCreatedSchema = eventDraftSchema('principal.created', CreatePrincipalSchema.omit({ type: true }));

export const PrincipalRevokedSchema = eventDraftSchema('principal.revoked', z.object({ id: PrincipalIdSchema, reason: ReasonSchema }));
