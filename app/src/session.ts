/**
 * The device's session: the API key an activation gave it and whom it belongs to, in localStorage
 * (this origin only). Signing out forgets both; nothing else on the device holds the key.
 */
import { signal } from './signal.js';

export interface SessionPrincipal {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly region: string;
  readonly operatorId?: string;
}

export interface Session {
  readonly key: string;
  readonly principal: SessionPrincipal;
}

const SESSION_KEY = 'suyuan.session';

function load(): Session | null {
  try {
    const stored = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    return stored && typeof stored.key === 'string' && stored.principal ? stored : null;
  } catch {
    return null;
  }
}

export const session = signal<Session | null>(load());

export function signIn(next: Session): void {
  localStorage.setItem(SESSION_KEY, JSON.stringify(next));
  session.set(next);
}

export function signOut(): void {
  localStorage.removeItem(SESSION_KEY);
  session.set(null);
}
