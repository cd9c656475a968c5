/**
 * installable: the Vite plugin that makes the build an installable web app: it writes the icons, the
 * web manifest and the service worker beside index.html, the worker listing every file of the bundle.
 */
import type { Plugin } from 'vite';
import { ICON_SIZES, iconPng } from './icon.js';
import { MANIFEST_FILE, iconFile, webManifest } from './manifest.js';
import { SERVICE_WORKER_FILE, serviceWorkerSource } from './serviceWorker.js';

export function installable(): Plugin {
  return {
    name: 'suyuan-installable',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const size of ICON_SIZES) this.emitFile({ type: 'asset', fileName: iconFile(size), source: iconPng(size) });
      this.emitFile({ type: 'asset', fileName: MANIFEST_FILE, source: webManifest() });
      const files = [...Object.keys(bundle).filter((file) => !file.endsWith('.map')), MANIFEST_FILE, ...ICON_SIZES.map(iconFile)];
      this.emitFile({ type: 'asset', fileName: SERVICE_WORKER_FILE, source: serviceWorkerSource(files) });
    },
  };
}
