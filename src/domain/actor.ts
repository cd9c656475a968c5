/** Who issues a command, as the edge authenticated it, and when. */
import { z } from 'zod';
import { IsoDateTimeSchema, OperatorIdSchema } from './values/index.js';

export const AUTHORITY_ROLES = ['reviewer', 'inspector', 'monitor', 'enforcer', 'admin'] as const;
export type AuthorityRole = (typeof AUTHORITY_ROLES)[number];

export const ActorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('operator'), operatorId: OperatorIdSchema }),
  z.object({
    kind: z.literal('authority'),
    role: z.enum(AUTHORITY_ROLES),
    /** Region prefix the authority answers for; '' = everywhere. */
    region: z.string().regex(/^\d{0,6}$/),
    id: z.string().min(1).max(64),
  }),
  z.object({ kind: z.literal('public') }),
]);
export type Actor = z.infer<typeof ActorSchema>;
export type AuthorityActor = Extract<Actor, { kind: 'authority' }>;

/** The context of a command: the writer's clock and the authenticated actor. */
export const CommandContextSchema = z.object({ time: IsoDateTimeSchema, actor: ActorSchema });
export type CommandContext = z.infer<typeof CommandContextSchema>;

/** actorId is the `actor` field of an event: 'op:<id>', 'authority:<id>' or 'public'. */
export function actorId(actor: Actor): string {
  switch (actor.kind) {
    case 'operator':
      return `op:${actor.operatorId}`;
    case 'authority':
      return `authority:${actor.id}`;
    case 'public':
      return 'public';
  }
}
