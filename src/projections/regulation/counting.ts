/**
 * countEvent feeds the activity index and the trace hook's counts from one
 * event. The region is that of the operator the event names (data.operatorId)
 * as registered when the event is applied; an event naming an operator the
 * log never registered is not counted.
 *  lots: lot.commissioned, each output of lot.processed, lot.accepted (a lot received);
 *  handOffs: lot.shipped (sent), lot.accepted (received);
 *  inspections, samples (sample.taken), failedSamples (sample.tested, fail), cases (case.opened), penalties (case.penalized).
 */
import { certificationKey, type DomainEvent } from '../../domain/index.js';
import type { ActivityIndex } from './activityIndex.js';
import type { OperatorFacts } from './operatorFacts.js';
import type { TraceCounts } from './traceCounts.js';

export function countEvent(event: DomainEvent, operators: OperatorFacts, activity: ActivityIndex, trace: TraceCounts): void {
  const atMs = Date.parse(event.time);
  const count = (operatorId: string, kind: Parameters<ActivityIndex['add']>[2], times = 1): void => {
    const region = operators.region(operatorId);
    if (region !== undefined) activity.add(atMs, region, kind, times);
  };
  switch (event.type) {
    case 'lot.commissioned': {
      const { operatorId, claims, code, product } = event.data;
      count(operatorId, 'lots');
      trace.lotMade(operatorId, atMs, [{ code, product: product.name, category: product.category }]);
      for (const key of new Set(claims.map(certificationKey))) trace.claimed(key);
      return;
    }
    case 'lot.processed': {
      const { operatorId, outputs } = event.data;
      count(operatorId, 'lots', outputs.length);
      trace.lotMade(
        operatorId,
        atMs,
        outputs.map(({ code, product }) => ({ code, product: product.name, category: product.category })),
      );
      return;
    }
    case 'lot.accepted': {
      const { operatorId, code } = event.data;
      count(operatorId, 'lots');
      count(operatorId, 'handOffs');
      const received = trace.received(code);
      // Counted as received even when its shipment was not seen (a log that starts mid-chain).
      trace.lotMade(operatorId, atMs, received ? [received] : [], 1);
      trace.handedOff(operatorId, atMs);
      return;
    }
    case 'lot.rejected':
      trace.received(event.data.code);
      return;
    case 'lot.shipped': {
      const { operatorId, to, childCode, product } = event.data;
      count(operatorId, 'handOffs');
      trace.handedOff(operatorId, atMs);
      if ('operatorId' in to) trace.shipping({ code: childCode, product: product.name, category: product.category });
      return;
    }
    case 'inspection.recorded':
      count(event.data.operatorId, 'inspections');
      return;
    case 'sample.taken':
      count(event.data.operatorId, 'samples');
      return;
    case 'sample.tested':
      if (event.data.verdict === 'fail') count(event.data.operatorId, 'failedSamples');
      return;
    case 'case.opened':
      count(event.data.operatorId, 'cases');
      return;
    case 'case.penalized':
      count(event.data.operatorId, 'penalties');
      return;
    default:
      return;
  }
}
