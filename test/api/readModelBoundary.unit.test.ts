/**
 * The HTTP layer asks the read model questions (accessFacts, operatorRegion,
 * lotJson, lineageJson, …) and never reaches into its projections, their code
 * index or their tables (STYLE.md: read models expose answers, not
 * internals). This test reads every source file under src/api and fails on
 * any that does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const API = join(ROOT, 'src/api');
const INTERNALS = /\b(lotProjection|operatorProjection)\b|\bread(Model)?.(index|table|graph)\b/;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('src/api and the read model', () => {
  it('uses only the read model’s answers, never its projections or tables', () => {
    const offenders = sourceFiles(API).flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line, index) => (INTERNALS.test(line) ? [`${relative(ROOT, path)}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});
