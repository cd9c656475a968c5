/** Builds the standard projections from a log, without a runner. */
import type { SealedEvent } from '../../../src/store/index.js';
import { LotProjection, OperatorProjection, ReadModel } from '../../../src/projections/index.js';

export interface Built {
  readonly lots: LotProjection;
  readonly operators: OperatorProjection;
  readonly model: ReadModel;
}

export function build(events: readonly SealedEvent[], options: { eventPositions?: boolean } = {}): Built {
  const lots = new LotProjection(options);
  const operators = new OperatorProjection();
  for (const event of events) {
    lots.apply(event);
    operators.apply(event);
  }
  return { lots, operators, model: new ReadModel(lots, operators) };
}
