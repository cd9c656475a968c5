/**
 * Recent partners: the operators this device handed off to, most recent first, so the next
 * hand-off to the same buyer is one tap. Kept per operator on the device (never sent anywhere).
 * Pure over a small storage interface, so Node tests drive it; the app binds it to localStorage.
 */

export interface Partner {
  readonly id: string;
  readonly name?: string;
}

export interface PartnerStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** How many partners are kept: a stall or a farm deals with a handful of buyers. */
export const PARTNERS_KEPT = 8;

const storageKey = (ownerId: string): string => `suyuan.partners.${ownerId}`;

/** rememberPartner puts `partner` first; a name it lacks is kept from before, and the list stays at most `kept` long. */
export function rememberPartner(list: readonly Partner[], partner: Partner, kept = PARTNERS_KEPT): Partner[] {
  const before = list.find((known) => known.id === partner.id);
  const name = partner.name ?? before?.name;
  const first: Partner = name === undefined ? { id: partner.id } : { id: partner.id, name };
  return [first, ...list.filter((known) => known.id !== partner.id)].slice(0, kept);
}

/** parsePartners reads a stored list, dropping anything that is not a partner (a damaged entry never breaks the screen). */
export function parsePartners(text: string | null): Partner[] {
  try {
    const stored = JSON.parse(text ?? '[]') as unknown;
    if (!Array.isArray(stored)) return [];
    return stored
      .filter((entry): entry is Partner => typeof entry === 'object' && entry !== null && typeof entry.id === 'string' && entry.id !== '')
      .map((entry) => (typeof entry.name === 'string' ? { id: entry.id, name: entry.name } : { id: entry.id }))
      .slice(0, PARTNERS_KEPT);
  } catch {
    return [];
  }
}

/** loadPartners: the recent partners of the operator `ownerId` on this device. */
export const loadPartners = (storage: PartnerStorage, ownerId: string): Partner[] => parsePartners(storage.getItem(storageKey(ownerId)));

/** savePartner records a hand-off to `partner` and returns the new list. */
export function savePartner(storage: PartnerStorage, ownerId: string, partner: Partner): Partner[] {
  const list = rememberPartner(loadPartners(storage, ownerId), partner);
  storage.setItem(storageKey(ownerId), JSON.stringify(list));
  return list;
}
