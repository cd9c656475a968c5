/**
 * Tags name the entities an event changes (DESIGN §3): `lot:<trace code>` and
 * `operator:<operator id>` (principals have theirs in principal/state.ts).
 * The ledger evolves exactly the tagged entities; the log chains every
 * `lot:` tag's events by `prev` (src/hash takes LOT_TAG_PREFIX from here).
 */
export const LOT_TAG_PREFIX = 'lot:';
export const OPERATOR_TAG_PREFIX = 'operator:';

export const lotTag = (code: string): string => `${LOT_TAG_PREFIX}${code}`;
export const operatorTag = (operatorId: string): string => `${OPERATOR_TAG_PREFIX}${operatorId}`;
export const isLotTag = (tag: string): boolean => tag.startsWith(LOT_TAG_PREFIX);

/**
 * The regulators' records (issue 12), each an entity of its own:
 * `inspection:<id>` (监管), `task:<id>` and `sample:<id>` (监测), `alert:<id>`
 * (risk recall), `case:<id>` (执法), and `recall:<trace code>`: the open
 * alerts whose failed sample was taken from that lot.
 */
export const RECORD_KINDS = ['inspection', 'task', 'sample', 'alert', 'case', 'recall'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const recordTag = (kind: RecordKind, id: string): string => `${kind}:${id}`;

/** A captured EPCIS event (issue 15): `epcis:<hex digest of its CBV 2.0 event hash>`. */
export const CAPTURED_TAG_PREFIX = 'epcis:';
export const capturedTag = (hex: string): string => `${CAPTURED_TAG_PREFIX}${hex}`;

export type ParsedTag = { readonly entity: 'lot' | 'operator' | 'epcis' | RecordKind; readonly id: string };

/** parseTag splits a tag into its entity and id; other tags give undefined. */
export function parseTag(tag: string): ParsedTag | undefined {
  if (tag.startsWith(LOT_TAG_PREFIX)) return { entity: 'lot', id: tag.slice(LOT_TAG_PREFIX.length) };
  if (tag.startsWith(OPERATOR_TAG_PREFIX)) return { entity: 'operator', id: tag.slice(OPERATOR_TAG_PREFIX.length) };
  if (tag.startsWith(CAPTURED_TAG_PREFIX)) return { entity: 'epcis', id: tag.slice(CAPTURED_TAG_PREFIX.length) };
  const colon = tag.indexOf(':');
  const kind = tag.slice(0, colon);
  if (colon > 0 && (RECORD_KINDS as readonly string[]).includes(kind)) return { entity: kind as RecordKind, id: tag.slice(colon + 1) };
  return undefined;
}
