/**
 * FindingBook: the open findings of the event rules (1–4 of issue 12 §6),
 * in the order they were raised. They stay open: nothing in the log closes
 * them yet. A finding of 'repeat-failures' grows while its run of failures
 * goes on, so findings are replaced in place by id.
 */
import type { RiskFinding } from './views.js';

export type Evidence = RiskFinding['evidence'][number];

export class FindingBook {
  private findings: RiskFinding[] = [];
  private indexOf = new Map<string, number>();

  get size(): number {
    return this.findings.length;
  }

  /** put adds a finding, or replaces the one with the same id. */
  put(finding: RiskFinding): void {
    const index = this.indexOf.get(finding.findingId);
    if (index === undefined) {
      this.indexOf.set(finding.findingId, this.findings.length);
      this.findings.push(finding);
    } else this.findings[index] = finding;
  }

  get(findingId: string): RiskFinding | undefined {
    const index = this.indexOf.get(findingId);
    return index === undefined ? undefined : this.findings[index];
  }

  all(): readonly RiskFinding[] {
    return this.findings;
  }

  save(): RiskFinding[] {
    return this.findings;
  }

  load(findings: readonly RiskFinding[]): void {
    this.findings = [...findings];
    this.indexOf = new Map(this.findings.map((finding, index) => [finding.findingId, index]));
  }
}
