/**
 * /app/: the field app (app/, built into app/dist by `npm ci`), served as files by @fastify/static.
 * The app lives at `/app/` with the slash, which is the service worker's scope (a worker scoped to
 * /app/ does not control /app), so /app redirects there. Hashed assets are cached for a year; the
 * shell, the worker and the manifest are revalidated on every load so that a new build takes over.
 * The pages' CSP (script-src 'self') already lets the app's own module scripts and its worker run.
 * When app/dist is missing, every /app address answers 503 AppNotBuilt, never a 500.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { ProblemError } from '../problem.js';

/** Where `npm run build:app` writes the app. */
export const APP_DIST = fileURLToPath(new URL('../../../app/dist', import.meta.url));

/**
 * The app's screens that are addresses of their own (app/src/screens.ts; a test keeps the lists
 * equal); each is the same shell (index.html), so a reload or a shared link opens the screen.
 */
export const APP_SCREENS = [
  '/app/activate',
  '/app/outbox',
  '/app/commission',
  '/app/hand-off',
  '/app/receive',
  '/app/records',
  '/app/processing',
  '/app/sale',
  '/app/review',
  '/app/directory',
  '/app/inspect',
  '/app/monitor',
  '/app/cases',
  '/app/alerts',
  '/app/reports',
] as const;

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export const appShellRoutes: FastifyPluginAsync<{ distDir?: string }> = async (app, options) => {
  // SUYUAN_APP_DIST points a server at another build (parallel builds of the app while it is developed).
  const root = options.distDir ?? (process.env.SUYUAN_APP_DIST || APP_DIST);
  if (!existsSync(join(root, 'index.html'))) {
    const notBuilt = async (): Promise<never> => {
      throw new ProblemError('AppNotBuilt', `the field app is not built (${root} has no index.html): run \`npm run build:app\``);
    };
    app.get('/app/', { schema: { hide: true } }, async (request, reply) =>
      isBare(request.url) ? toSlash(request.url, reply) : notBuilt(),
    );
    app.get('/app/*', { schema: { hide: true } }, notBuilt);
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/app/',
    wildcard: true,
    index: 'index.html',
    // Brotli and gzip copies written at build time (app/build/precompress.ts) go to browsers that accept them.
    preCompressed: true,
    schemaHide: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.startsWith(join(root, 'assets')) ? IMMUTABLE : REVALIDATE);
    },
  });
  // The router ignores trailing slashes, so /app and /app/ both arrive here: one is sent to the other.
  app.get('/app/', { schema: { hide: true } }, (request, reply) => (isBare(request.url) ? toSlash(request.url, reply) : shell(reply)));
  for (const screen of APP_SCREENS) {
    app.get(screen, { schema: { hide: true } }, (_request, reply) => shell(reply));
  }
};

const shell = (reply: FastifyReply): FastifyReply => reply.header('cache-control', REVALIDATE).sendFile('index.html');

/** isBare: the request is for /app without its slash (a query may follow). */
const isBare = (url: string): boolean => url === '/app' || url.startsWith('/app?');

const toSlash = (url: string, reply: FastifyReply): FastifyReply => reply.redirect(`/app/${url.slice('/app'.length)}`, 301);
