/**
 * sample.recordResult (检测结果): a monitor (or admin) of the sample's region
 * records the lab's result per test item and overall. A failed result, in the
 * same decision, raises an alert and freezes the sampled lot and every
 * descendant that still has goods (see recall.ts), wherever they went: the
 * freeze follows the goods across regions, and is released by the alert's
 * region or above.
 */
import type { CommandContext } from '../actor.js';
import { regionPrefix } from '../codes/index.js';
import { accept, reject, type Decision } from '../decision.js';
import type { EventDraft } from '../events.js';
import { requireLot } from '../lot/guards.js';
import { clipReason } from '../values/index.js';
import type { StateView } from '../state.js';
import { lotTag, operatorTag, recordTag } from '../tags.js';
import { alertIdOf, type RecordResult } from './commands.js';
import { requireMonitor, requireSampleOf } from './guards.js';
import { recallOf } from './recall.js';
import type { SampleState } from './state.js';

export function decideRecordResult(command: RecordResult, { actor }: CommandContext, view: StateView): Decision {
  const monitor = requireMonitor(actor);
  if (!monitor.ok) return monitor;
  const sample = requireSampleOf(monitor.value, view, command.sampleId, 'sampleId');
  if (!sample.ok) return sample;
  if (sample.value.verdict !== undefined) {
    return reject('SampleTested', `sample ${command.sampleId} has a result already (${sample.value.verdict})`, 'sampleId');
  }
  const failing = command.items.filter((item) => item.verdict === 'fail');
  if (failing.length > 0 !== (command.verdict === 'fail')) {
    const message =
      command.verdict === 'fail' ? 'a failed result needs at least one failed test item' : 'a result with a failed test item cannot pass';
    return reject('VerdictMismatch', message, 'verdict');
  }
  const { id: sampleId, taskId, lotCode, operatorId } = sample.value;
  const { type: _type, ...result } = command;
  const tested: EventDraft = {
    type: 'sample.tested',
    tags: [recordTag('sample', sampleId), recordTag('task', taskId), operatorTag(operatorId)],
    data: { ...result, taskId, lotCode, operatorId },
  };
  if (command.verdict === 'pass') return accept(tested);
  const region = regionPrefix(monitor.value.region);
  const reason = clipReason(`抽检不合格 sample ${sampleId}: ${failing.map(({ item }) => item).join(', ')}`);
  return recall(sample.value, { region, reason }, view, tested);
}

function recall(
  sample: SampleState,
  { region, reason }: { region: string; reason: string },
  view: StateView,
  tested: EventDraft,
): Decision {
  const root = requireLot(view, sample.lotCode, 'sampleId');
  if (!root.ok) return root;
  const { freeze, alreadyFrozen, holders, buyers } = recallOf(root.value, view);
  const alertId = alertIdOf(sample.id);
  const raised: EventDraft = {
    type: 'alert.raised',
    tags: [
      recordTag('alert', alertId),
      recordTag('sample', sample.id),
      operatorTag(sample.operatorId),
      recordTag('recall', sample.lotCode),
    ],
    data: {
      alertId,
      sampleId: sample.id,
      lotCode: sample.lotCode,
      operatorId: sample.operatorId,
      region,
      reason,
      frozen: [...freeze],
      alreadyFrozen: [...alreadyFrozen],
      holders: [...holders],
      buyers: [...buyers],
    },
  };
  if (freeze.length === 0) return accept(tested, raised);
  const frozen: EventDraft = {
    type: 'lot.frozen',
    tags: freeze.map(lotTag),
    data: { codes: [...freeze], reason, cascade: true, region, alertId },
  };
  return accept(tested, raised, frozen);
}
