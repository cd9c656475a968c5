/**
 * The app's screens: each is an address of its own under /app/ (the server answers every one with
 * the shell, src/api/routes/app.ts, and a test keeps both lists equal) and is offered on the home
 * screen to the roles that can use it. Pure data, so Node tests import it.
 */
export type Role = 'admin' | 'reviewer' | 'inspector' | 'monitor' | 'enforcer' | 'operator' | 'auditor' | 'subscriber';

export interface ScreenInfo {
  readonly path: string;
  /** Who sees it on the home screen (the server decides what each may do). */
  readonly roles: readonly Role[];
}

const REGULATORS: readonly Role[] = ['admin', 'reviewer', 'inspector', 'monitor', 'enforcer'];

export const SCREENS = {
  home: { path: '/app/', roles: [] },
  activate: { path: '/app/activate', roles: [] },
  outbox: { path: '/app/outbox', roles: ['operator', ...REGULATORS] },
  commission: { path: '/app/commission', roles: ['operator'] },
  handOff: { path: '/app/hand-off', roles: ['operator'] },
  receive: { path: '/app/receive', roles: ['operator'] },
  records: { path: '/app/records', roles: ['operator'] },
  processing: { path: '/app/processing', roles: ['operator'] },
  sale: { path: '/app/sale', roles: ['operator'] },
  review: { path: '/app/review', roles: ['admin', 'reviewer'] },
  directory: { path: '/app/directory', roles: REGULATORS },
  inspect: { path: '/app/inspect', roles: ['admin', 'inspector'] },
  monitor: { path: '/app/monitor', roles: ['admin', 'monitor'] },
  cases: { path: '/app/cases', roles: ['admin', 'enforcer'] },
  alerts: { path: '/app/alerts', roles: REGULATORS },
  reports: { path: '/app/reports', roles: REGULATORS },
} as const satisfies Record<string, ScreenInfo>;

export type ScreenName = keyof typeof SCREENS;

/** screenOf: the screen at `pathname` (trailing slashes ignored), or undefined. */
export function screenOf(pathname: string): ScreenName | undefined {
  const path = pathname.replace(/\/+$/, '') || '/app';
  if (path === '/app') return 'home';
  return (Object.keys(SCREENS) as ScreenName[]).find((name) => SCREENS[name].path === path);
}

/** screensFor: the screens offered to `role` on its home screen, in the order above. */
export const screensFor = (role: string): ScreenName[] =>
  (Object.keys(SCREENS) as ScreenName[]).filter((name) => (SCREENS[name].roles as readonly string[]).includes(role));
