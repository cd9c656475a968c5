/** Who issues a command, as the edge authenticated it, and when. */
import { z } from 'zod';
import { PrincipalIdSchema } from './principal/commands.js';
import { IsoDateTimeSchema, OperatorIdSchema } from './values/index.js';

export const AUTHORITY_ROLES = ['reviewer', 'inspector', 'monitor', 'enforcer', 'admin'] as const;
export type AuthorityRole = (typeof AUTHORITY_ROLES)[number];

export const ActorSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('operator'),
    operatorId: OperatorIdSchema,
    /** The API principal (key) that acted for the operator; absent in older logs and seeds. */
    principal: PrincipalIdSchema.optional(),
  }),
  z.object({
    kind: z.literal('authority'),
    role: z.enum(AUTHORITY_ROLES),
    /** Region prefix the authority answers for; '' = everywhere. */
    region: z.string().regex(/^\d{0,6}$/),
    /** The API principal that acted. */
    id: z.string().min(1).max(64),
  }),
  z.object({ kind: z.literal('public') }),
  /**
   * A subscribing platform (a supermarket's or e-commerce platform's system) that sends GS1 EPCIS
   * events about Suyuan lots (issue 15). It may capture events and nothing else (see decide.ts).
   */
  z.object({
    kind: z.literal('subscriber'),
    id: PrincipalIdSchema,
    /** Region prefix of the subscriber's key; '' = everywhere. */
    region: z.string().regex(/^\d{0,6}$/),
  }),
]);
export type Actor = z.infer<typeof ActorSchema>;
export type AuthorityActor = Extract<Actor, { kind: 'authority' }>;
export type OperatorActor = Extract<Actor, { kind: 'operator' }>;
export type SubscriberActor = Extract<Actor, { kind: 'subscriber' }>;

/** The context of a command: the writer's clock and the authenticated actor. */
export const CommandContextSchema = z.object({ time: IsoDateTimeSchema, actor: ActorSchema });
export type CommandContext = z.infer<typeof CommandContextSchema>;

export const OPERATOR_ACTOR_PREFIX = 'op:';
export const AUTHORITY_ACTOR_PREFIX = 'authority:';
export const SUBSCRIBER_ACTOR_PREFIX = 'subscriber:';
export const PUBLIC_ACTOR = 'public';
/** Separates an operator from the principal that acted for it: neither id may contain '/'. */
const PRINCIPAL_SEPARATOR = '/';

/**
 * actorId is the `actor` field of an event: 'op:<operator id>/<principal id>'
 * ('op:<operator id>' when no principal is known), 'authority:<principal id>',
 * 'subscriber:<principal id>' or 'public'.
 */
export function actorId(actor: Actor): string {
  switch (actor.kind) {
    case 'operator': {
      const principal = actor.principal === undefined ? '' : `${PRINCIPAL_SEPARATOR}${actor.principal}`;
      return `${OPERATOR_ACTOR_PREFIX}${actor.operatorId}${principal}`;
    }
    case 'authority':
      return `${AUTHORITY_ACTOR_PREFIX}${actor.id}`;
    case 'subscriber':
      return `${SUBSCRIBER_ACTOR_PREFIX}${actor.id}`;
    case 'public':
      return PUBLIC_ACTOR;
  }
}

/** An event's `actor` field, read back: who acted, and through which principal. */
export type ParsedActorId =
  | { readonly kind: 'operator'; readonly operatorId: string; readonly principal?: string }
  | { readonly kind: 'authority'; readonly id: string }
  | { readonly kind: 'subscriber'; readonly id: string }
  | { readonly kind: 'public' };

/** parseActorId reads an event's `actor` field (either operator form); anything else gives undefined. */
export function parseActorId(text: string): ParsedActorId | undefined {
  if (text === PUBLIC_ACTOR) return { kind: 'public' };
  if (text.startsWith(AUTHORITY_ACTOR_PREFIX)) {
    const id = text.slice(AUTHORITY_ACTOR_PREFIX.length);
    return id.length > 0 && id.length <= 64 ? { kind: 'authority', id } : undefined;
  }
  if (text.startsWith(SUBSCRIBER_ACTOR_PREFIX)) {
    const id = text.slice(SUBSCRIBER_ACTOR_PREFIX.length);
    return PrincipalIdSchema.safeParse(id).success ? { kind: 'subscriber', id } : undefined;
  }
  if (!text.startsWith(OPERATOR_ACTOR_PREFIX)) return undefined;
  const rest = text.slice(OPERATOR_ACTOR_PREFIX.length);
  const separator = rest.indexOf(PRINCIPAL_SEPARATOR);
  const operatorId = separator < 0 ? rest : rest.slice(0, separator);
  if (!OperatorIdSchema.safeParse(operatorId).success) return undefined;
  if (separator < 0) return { kind: 'operator', operatorId };
  const principal = rest.slice(separator + 1);
  return PrincipalIdSchema.safeParse(principal).success ? { kind: 'operator', operatorId, principal } : undefined;
}

/** operatorOfActorId: the operator an event's actor acted as, or undefined when it was not an operator. */
export function operatorOfActorId(text: string): string | undefined {
  const parsed = parseActorId(text);
  return parsed?.kind === 'operator' ? parsed.operatorId : undefined;
}
