/**
 * The field app's build: Preact through Vite's own JSX transform (oxc), served by fastify at /app/
 * (src/api/routes/app.ts). `npm ci` runs it (the `prepare` script), so app/dist is never committed.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { installable } from './build/installable.js';
import { precompress } from './build/precompress.js';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/app/',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', assetsDir: 'assets', reportCompressedSize: false },
  plugins: [installable(), precompress()],
});
