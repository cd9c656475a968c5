/**
 * Tags name the entities an event changes (DESIGN §3): `lot:<trace code>` and
 * `operator:<operator id>`. The ledger evolves exactly the tagged entities.
 */
export const lotTag = (code: string): string => `lot:${code}`;
export const operatorTag = (operatorId: string): string => `operator:${operatorId}`;

export type ParsedTag = { readonly entity: 'lot' | 'operator'; readonly id: string };

/** parseTag splits a tag into its entity and id; other tags give undefined. */
export function parseTag(tag: string): ParsedTag | undefined {
  const colon = tag.indexOf(':');
  const entity = tag.slice(0, colon);
  if (colon < 0 || (entity !== 'lot' && entity !== 'operator')) return undefined;
  return { entity, id: tag.slice(colon + 1) };
}
