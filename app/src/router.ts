/** route: the path shown; navigate() changes it without a reload and keeps the query (e.g. ?lang=en). */
import { signal } from './signal.js';

const trimmed = (path: string): string => path.replace(/\/+$/, '') || '/app';

export const route = signal(trimmed(location.pathname));

export function navigate(path: string): void {
  history.replaceState(null, '', path + location.search);
  route.set(trimmed(path));
}
