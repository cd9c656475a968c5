// The sqlite append worker's entry. Worker threads on Node 20 do not inherit tsx's loader, so this
// plain-JS file registers it (as bin/suyuan.js does) and loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./appendWorkerMain.ts');
