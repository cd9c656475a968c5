/**
 * The current address and moving between screens without a reload. A screen's parameters travel in
 * the query (e.g. /app/hand-off?code=…); ?lang= is kept across moves. Back and forward work.
 */
import { signal } from './signal.js';

const current = (): string => location.pathname + location.search;

/** route: the path and query shown. */
export const route = signal(current());

addEventListener('popstate', () => route.set(current()));

/** navigate shows `target` (a path under /app/ with an optional query). */
export function navigate(target: string, { replace = false }: { replace?: boolean } = {}): void {
  const url = new URL(target, location.origin);
  const lang = new URLSearchParams(location.search).get('lang');
  if (lang && !url.searchParams.has('lang')) url.searchParams.set('lang', lang);
  const next = url.pathname + url.search;
  if (replace) history.replaceState(null, '', next);
  else history.pushState(null, '', next);
  route.set(next);
  scrollTo(0, 0);
}

/** param: a query parameter of the current address. */
export const param = (name: string): string | null => new URL(route.get(), location.origin).searchParams.get(name);

/** Link: an anchor that moves within the app (a modified click still opens a new tab). */
export function Link({
  href,
  children,
  class: className,
  ...rest
}: {
  href: string;
  children: preact.ComponentChildren;
  class?: string;
  [attribute: string]: unknown;
}) {
  const onClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} class={className} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
