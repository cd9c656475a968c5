import canonicalize from 'canonicalize';

/** CanonicalJsonError names what made a value impossible to canonicalise, and where. */
export class CanonicalJsonError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${message} at ${path}`);
    this.name = 'CanonicalJsonError';
  }
}

/**
 * canonicalJson returns the RFC 8785 (JCS) form of a JSON value: object keys
 * sorted by UTF-16 code units, no white space, ECMAScript number and string
 * serialisation. It throws CanonicalJsonError for NaN, ±Infinity, lone
 * surrogates, bigint, functions, symbols, undefined array elements and
 * objects that are not plain (Date, Map, class instances, …). Properties whose
 * value is undefined are left out, as JSON.stringify does.
 *
 * Written by hand rather than calling the `canonicalize` package on the hot
 * path: every event is canonicalised once to be hashed, and the package's
 * generic recursion (toJSON probing, a cycle set, string concatenation through
 * reduce) runs at about a quarter of the raw SHA-256 rate; this one runs at
 * about twice that. It must agree with `canonicalize` byte for byte: the JCS
 * vectors and a fast-check differential test hold it to that.
 */
export function canonicalJson(value: unknown): string {
  try {
    return fast(value, 0);
  } catch (error) {
    if (error !== NOT_CANONICAL) throw error;
    // Walk again with paths so the error names where the bad value is.
    return write(value, '$', 0);
  }
}

/** The reference implementation (the `canonicalize` package) with the same strictness. */
export function canonicalJsonReference(value: unknown): string {
  write(value, '$', 0); // the same strictness as canonicalJson, and its error messages
  const text = canonicalize(value);
  if (text === undefined) throw new CanonicalJsonError('value has no JSON form', '$');
  return text;
}

declare global {
  // ES2024, present in Node 20's V8; tsconfig's lib stays at ES2023 so that
  // nothing newer than Node 20 slips in unnoticed.
  interface String {
    isWellFormed(): boolean;
  }
}

const MAX_DEPTH = 200;

/** Thrown by the fast writer, which keeps no path; the slow writer then says where. */
const NOT_CANONICAL = new Error('not canonical JSON');

/**
 * The fast writer: one pass that both validates and writes, quoting most
 * strings without calling JSON.stringify, and sorting keys only when they are
 * not already in order. Any doubt (a character that needs escaping, a lone
 * surrogate, a non-integer number) falls back to the exact ECMAScript forms.
 */
function fast(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (Number.isSafeInteger(value)) return value === 0 ? '0' : `${value}`;
      if (!Number.isFinite(value)) throw NOT_CANONICAL;
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (depth >= MAX_DEPTH) throw NOT_CANONICAL;
      if (Array.isArray(value)) {
        if (value.length === 0) return '[]';
        if (value.every(isString)) {
          // An array of strings (a recall's 10,000 codes, tags and prev hashes) in one native call: JCS
          // strings are JSON.stringify's. A lone surrogate comes out as a \udXXX escape: then go item by item.
          const text = JSON.stringify(value);
          if (!SURROGATE_ESCAPE.test(text)) return text;
        }
        let out = `[${fastItem(value[0], depth + 1)}`;
        for (let i = 1; i < value.length; i++) out += `,${fastItem(value[i], depth + 1)}`;
        return `${out}]`;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw NOT_CANONICAL;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      for (let i = 1; i < keys.length; i++) {
        if (!(keys[i - 1]! < keys[i]!)) {
          keys.sort();
          break;
        }
      }
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        const item = record[key];
        if (item === undefined) continue;
        out += `${(out.length === 1 ? '' : ',') + quote(key)}:${fast(item, depth + 1)}`;
      }
      return `${out}}`;
    }
    default:
      throw NOT_CANONICAL;
  }
}

const isString = (item: unknown): item is string => typeof item === 'string';

/** How JSON.stringify writes a lone surrogate (a well-formed pair is written as it is); a literal "\\ud8…" also matches, harmlessly. */
const SURROGATE_ESCAPE = /\\ud[89a-f]/;

function fastItem(item: unknown, depth: number): string {
  if (item === undefined) throw NOT_CANONICAL;
  return fast(item, depth);
}

/** quote is JSON.stringify for strings, without the call for the common case of nothing to escape. */
function quote(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) {
      if (!text.isWellFormed()) throw NOT_CANONICAL;
      return JSON.stringify(text);
    }
  }
  return `"${text}"`;
}

function write(value: unknown, path: string, depth: number): string {
  switch (typeof value) {
    case 'string':
      if (!value.isWellFormed()) throw new CanonicalJsonError('lone surrogate in string', path);
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${value} is not a JSON number`, path);
      // ECMAScript Number::toString is exactly the RFC 8785 number form (-0 → "0").
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (depth >= MAX_DEPTH) throw new CanonicalJsonError('nesting deeper than 200', path);
      if (Array.isArray(value)) return writeArray(value, path, depth + 1);
      return writeObject(value, path, depth + 1);
    default:
      throw new CanonicalJsonError(`${typeof value} is not a JSON value`, path);
  }
}

function writeArray(items: readonly unknown[], path: string, depth: number): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === undefined) throw new CanonicalJsonError('undefined array element', `${path}[${i}]`);
    if (i > 0) out += ',';
    out += write(item, `${path}[${i}]`, depth);
  }
  return `${out}]`;
}

function writeObject(object: object, path: string, depth: number): string {
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) {
    throw new CanonicalJsonError(`${describe(object)} is not a plain object`, path);
  }
  const record = object as Record<string, unknown>;
  // Default sort compares UTF-16 code units, which is what RFC 8785 §3.2.3 asks for.
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    if (!key.isWellFormed()) throw new CanonicalJsonError('lone surrogate in key', path);
    if (!first) out += ',';
    first = false;
    out += `${JSON.stringify(key)}:${write(item, `${path}.${key}`, depth)}`;
  }
  return `${out}}`;
}

function describe(object: object): string {
  const name = (object as { constructor?: { name?: string } }).constructor?.name;
  return name ? `a ${name}` : 'the value';
}
