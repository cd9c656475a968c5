/**
 * Rule 5, 'overdue-rectification': computed when asked, since it turns on
 * the clock. An inspection that ordered a rectification (result 'rectify'),
 * not closed, whose rectifyBy has passed at `now` (the domain's isOverdue);
 * `at` is the end of the deadline. Closing it makes the finding disappear.
 */
import { endOf, isOverdue } from '../../domain/index.js';
import type { RecordBook } from './records.js';
import type { RiskFinding } from './views.js';

export function overdueFindings(records: RecordBook, now: Date): RiskFinding[] {
  const nowText = now.toISOString();
  const found: RiskFinding[] = [];
  for (const id of records.openRectifications) {
    const record = records.inspections.get(id);
    if (!record || !isOverdue(record.state, nowText)) continue;
    const { operatorId, region, rectifyBy } = record.state;
    found.push({
      findingId: `overdue-rectification:${id}`,
      rule: 'overdue-rectification',
      at: new Date(endOf(rectifyBy!)).toISOString(),
      region,
      operatorId,
      summary: `检查 ${id} 责令整改逾期未完成，期限 ${rectifyBy} (rectification overdue)`,
      evidence: [{ position: record.position, type: 'inspection.recorded' }],
    });
  }
  return found;
}
