import { fileURLToPath } from 'node:url';
import { createKurrentDbStore } from './kurrentdb/index.js';
import { createMemoryStore } from './memory/index.js';
import type { VaultStore } from './port.js';
import { createPostgresStore } from './postgres/index.js';
import { createSqliteStore } from './sqlite/index.js';

export interface OpenStoreOptions {
  /** A writer takes the log's writer lock; for PostgreSQL this overrides a `role` query parameter. Default `writer`. */
  readonly role?: 'writer' | 'reader';
  /** PostgreSQL: hears of background errors (a dropped LISTEN or writer connection, a failed poll). */
  readonly onError?: (error: unknown) => void;
}

const kurrentSchemes = /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\//i;

/**
 * openStore picks an adapter from a URL:
 * - `memory:`
 * - `sqlite:/path/file.db`, `sqlite:relative.db`, `sqlite:///abs.db`,
 *   `file:///path/file.db`, or a plain path
 * - `postgres://…` / `postgresql://…`, with optional query parameters
 *   `schema` (default public) and `role` (writer | reader), removed before
 *   the URL reaches pg
 * - `kurrentdb://…` (also `kurrent://`, `kdb://`, `esdb://`, `+discover`),
 *   with an optional `streamPrefix` query parameter
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<VaultStore> {
  if (url === 'memory:' || url === 'memory://') return createMemoryStore();
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? undefined;
    const roleParam = parsed.searchParams.get('role');
    parsed.searchParams.delete('schema');
    parsed.searchParams.delete('role');
    const role = options.role ?? (roleParam === 'reader' ? 'reader' : 'writer');
    if (roleParam !== null && roleParam !== 'reader' && roleParam !== 'writer') {
      throw new Error(`unknown role ${JSON.stringify(roleParam)} in store URL (writer or reader)`);
    }
    return createPostgresStore({
      connectionString: parsed.toString(),
      role,
      ...(schema ? { schema } : {}),
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }
  if (kurrentSchemes.test(url)) {
    // The client warns that esdb:// is deprecated; it means the same thing.
    const normalised = url.replace(/^esdb/i, 'kurrentdb');
    const query = normalised.indexOf('?');
    const params = new URLSearchParams(query >= 0 ? normalised.slice(query + 1) : '');
    const streamPrefix = params.get('streamPrefix') ?? undefined;
    params.delete('streamPrefix');
    const rest = params.toString();
    const connectionString = (query >= 0 ? normalised.slice(0, query) : normalised) + (rest ? `?${rest}` : '');
    return createKurrentDbStore({ connectionString, ...(streamPrefix ? { streamPrefix } : {}) });
  }
  if (/^sqlite:/i.test(url)) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path) throw new Error('sqlite store URL needs a path, e.g. sqlite:./data/suyuan.db');
    return createSqliteStore({ path, role: options.role });
  }
  if (/^file:/i.test(url)) return createSqliteStore({ path: fileURLToPath(url), role: options.role });
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw new Error(`no store adapter for ${url.split(':')[0]}: URLs`);
  return createSqliteStore({ path: url, role: options.role });
}
