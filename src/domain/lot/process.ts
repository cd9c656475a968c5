/**
 * lot.process (合并 / 加工): the holder of every input makes new lots (kind 2)
 * from them. A merge keeps the goods as they are: one output, same unit,
 * exactly the inputs' sum. Processing transforms them, so units and amounts
 * may change. Outputs take fresh codes, so no lot can become its own ancestor.
 */
import { requireActingOperator } from '../access.js';
import type { CommandContext } from '../actor.js';
import { accept, reject, type Decision, type Refusal } from '../decision.js';
import type { StateView } from '../state.js';
import { lotTag } from '../tags.js';
import { toThousandths, type Origin } from '../values/index.js';
import type { ProcessLots } from './commands.js';
import { certificateRefusal, freshCodeRefusal, portionRefusal, requireMovableLot } from './guards.js';
import type { LotState } from './state.js';

export function decideProcess(command: ProcessLots, { actor, time }: CommandContext, view: StateView): Decision {
  const processor = requireActingOperator(actor, view);
  if (!processor.ok) return processor;
  const shape = shapeRefusal(command);
  if (shape) return shape;
  const inputs: LotState[] = [];
  for (const [index, input] of command.inputs.entries()) {
    const lot = requireMovableLot(view, input.code, processor.value.id, `inputs.${index}.code`);
    if (!lot.ok) return lot;
    const portion = portionRefusal(lot.value, input.quantity, `inputs.${index}.quantity`);
    if (portion) return portion;
    inputs.push(lot.value);
  }
  for (const [index, output] of command.outputs.entries()) {
    const field = `outputs.${index}`;
    const refusal =
      freshCodeRefusal(view, output.code, 2, processor.value.region, `${field}.code`) ??
      certificateRefusal(output.certificate, output.quantity, time, `${field}.certificate`);
    if (refusal) return refusal;
  }
  const merge = command.mode === 'merge' ? mergeRefusal(command) : undefined;
  if (merge) return merge;
  const origin = sharedOrigin(inputs) ?? { region: processor.value.region };
  return accept({
    type: 'lot.processed',
    tags: [...command.inputs, ...command.outputs].map(({ code }) => lotTag(code)),
    data: {
      mode: command.mode,
      operatorId: processor.value.id,
      producedAt: time,
      inputs: command.inputs,
      outputs: command.outputs.map((output) => ({ ...output, origin })),
    },
  });
}

/** Inputs distinct, outputs distinct, and no output reusing an input's code. */
function shapeRefusal({ inputs, outputs }: ProcessLots): Refusal | undefined {
  const inputCodes = new Set<string>();
  for (const [index, { code }] of inputs.entries()) {
    if (inputCodes.has(code)) return reject('DuplicateInput', `lot ${code} is listed twice`, `inputs.${index}.code`);
    inputCodes.add(code);
  }
  const outputCodes = new Set<string>();
  for (const [index, { code }] of outputs.entries()) {
    const field = `outputs.${index}.code`;
    if (inputCodes.has(code)) return reject('CycleRefused', `output ${code} is also an input`, field);
    if (outputCodes.has(code)) return reject('DuplicateOutput', `output ${code} is listed twice`, field);
    outputCodes.add(code);
  }
  return undefined;
}

/** A merge has one output, in the inputs' single unit, holding exactly their sum. */
function mergeRefusal({ inputs, outputs }: ProcessLots): Refusal | undefined {
  const [output] = outputs;
  if (outputs.length !== 1 || output === undefined) {
    return reject('MergeNeedsOneOutput', `a merge makes one lot, not ${outputs.length}`, 'outputs');
  }
  const unit = inputs[0]?.quantity.unit;
  for (const [index, input] of inputs.entries()) {
    if (input.quantity.unit !== unit) {
      const message = `merging ${unit} with ${input.quantity.unit} needs a processing step`;
      return reject('UnitMismatch', message, `inputs.${index}.quantity.unit`);
    }
  }
  if (output.quantity.unit !== unit) {
    return reject('UnitMismatch', `a merge of ${unit} cannot yield ${output.quantity.unit}`, 'outputs.0.quantity.unit');
  }
  const total = inputs.reduce((sum, input) => sum + toThousandths(input.quantity.amount), 0);
  if (toThousandths(output.quantity.amount) !== total) {
    const message = `a merge yields exactly the inputs' ${total / 1000} ${unit}, not ${output.quantity.amount}`;
    return reject('QuantityMismatch', message, 'outputs.0.quantity.amount');
  }
  return undefined;
}

/** The inputs' origin if they share one; processed goods of mixed origin come from the processor's region. */
function sharedOrigin(inputs: readonly LotState[]): Origin | undefined {
  const [first, ...rest] = inputs;
  if (!first) return undefined;
  const sameRegion = rest.every((lot) => lot.origin.region === first.origin.region);
  if (!sameRegion) return undefined;
  const sameBase = rest.every((lot) => lot.origin.base === first.origin.base);
  return sameBase ? first.origin : { region: first.origin.region };
}
