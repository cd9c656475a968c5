/**
 * Accessibility by axe-core, run inside the page (not hand-written rules).
 * The pages' CSP forbids inline scripts: open them in a context made with
 * bypassCSP (see newContext).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  readonly help: string;
  readonly helpUrl: string;
  /** CSS selectors of the offending nodes. */
  readonly targets: readonly string[];
}

/** axeViolations injects axe-core into `page` and returns every violation it finds. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    // Runs in the page (the test's tsconfig has no DOM types).
    const { axe, document } = globalThis as any;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((violation: any) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      helpUrl: violation.helpUrl,
      targets: violation.nodes.map((node: any) => node.target.join(' ')),
    }));
  });
}

/** The violations a page must not have: serious or critical. */
export const blocking = (violations: readonly AxeViolation[]): AxeViolation[] =>
  violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');

/** describeViolations: one line per violation, for assertion messages and the log. */
export const describeViolations = (violations: readonly AxeViolation[]): string =>
  violations.map((v) => `${v.impact ?? 'n/a'} ${v.id}: ${v.help} (${v.targets.slice(0, 3).join(', ')})`).join('\n');
