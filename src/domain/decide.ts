/**
 * decide: the single entry point of the domain's write side. It validates
 * the command and its context against their schemas (so a malformed command
 * is a rejection value, never an exception) and routes it to its decider.
 * Deciders only read the view; the ledger appends what they return.
 */
import type { z } from 'zod';
import { CommandContextSchema, type CommandContext } from './actor.js';
import { CommandSchema, type Command } from './commands.js';
import { reject, type Decision, type Refusal } from './decision.js';
import {
  decideAccept,
  decideCommission,
  decideFreeze,
  decideProcess,
  decideRecord,
  decideReject,
  decideSell,
  decideShip,
} from './lot/index.js';
import { decideCertify, decideChangeStatus, decideConfirmCertification, decideRegister, decideReview } from './operator/index.js';
import { decideCloseCase, decideOpenCase, decidePenalize, decideRecordCase } from './enforcement/index.js';
import { decideCreateTask, decideRecordResult, decideReleaseAlert, decideTakeSample } from './monitoring/index.js';
import { decideErasePersonal } from './personal/index.js';
import { decideCapture } from './epcis/index.js';
import { decideRecordImport } from './federation/index.js';
import { decideCloseRectification, decideRecordInspection } from './supervision/index.js';
import { decideCreatePrincipal, decideRevokePrincipal } from './principal/index.js';
import { issueRejection } from './rejections.js';
import type { StateView } from './state.js';

export function decide(command: Command, ctx: CommandContext, view: StateView): Decision {
  const context = CommandContextSchema.safeParse(ctx);
  if (!context.success) return refusalFrom(context.error, 'context');
  const parsed = CommandSchema.safeParse(command);
  if (!parsed.success) return refusalFrom(parsed.error);
  // A subscribing platform's key may capture EPCIS events and do nothing else (issue 15).
  if (context.data.actor.kind === 'subscriber' && parsed.data.type !== 'epcis.capture') {
    return reject('Forbidden', 'a subscribing platform may only capture EPCIS events');
  }
  return route(parsed.data, context.data, view);
}

function route(command: Command, ctx: CommandContext, view: StateView): Decision {
  switch (command.type) {
    case 'operator.register':
      return decideRegister(command, ctx, view);
    case 'operator.review':
      return decideReview(command, ctx, view);
    case 'operator.certify':
      return decideCertify(command, ctx, view);
    case 'operator.confirmCertification':
      return decideConfirmCertification(command, ctx, view);
    case 'operator.changeStatus':
      return decideChangeStatus(command, ctx, view);
    case 'lot.commission':
      return decideCommission(command, ctx, view);
    case 'lot.record':
      return decideRecord(command, ctx, view);
    case 'lot.ship':
      return decideShip(command, ctx, view);
    case 'lot.accept':
      return decideAccept(command, ctx, view);
    case 'lot.reject':
      return decideReject(command, ctx, view);
    case 'lot.process':
      return decideProcess(command, ctx, view);
    case 'lot.sell':
      return decideSell(command, ctx, view);
    case 'lot.freeze':
    case 'lot.release':
      return decideFreeze(command, ctx, view);
    case 'principal.create':
      return decideCreatePrincipal(command, ctx, view);
    case 'principal.revoke':
      return decideRevokePrincipal(command, ctx, view);
    case 'personal.erase':
      return decideErasePersonal(command, ctx);
    case 'inspection.record':
      return decideRecordInspection(command, ctx, view);
    case 'inspection.closeRectification':
      return decideCloseRectification(command, ctx, view);
    case 'sampling.createTask':
      return decideCreateTask(command, ctx, view);
    case 'sample.take':
      return decideTakeSample(command, ctx, view);
    case 'sample.recordResult':
      return decideRecordResult(command, ctx, view);
    case 'alert.release':
      return decideReleaseAlert(command, ctx, view);
    case 'case.open':
      return decideOpenCase(command, ctx, view);
    case 'case.record':
      return decideRecordCase(command, ctx, view);
    case 'case.penalize':
      return decidePenalize(command, ctx, view);
    case 'case.close':
      return decideCloseCase(command, ctx, view);
    case 'epcis.capture':
      return decideCapture(command, ctx, view);
    case 'federation.recordImport':
      return decideRecordImport(command, ctx);
  }
}

/** The first schema issue becomes the rejection; identifier and amount checks name their own code. */
function refusalFrom(error: z.ZodError, prefix?: string): Refusal {
  const [issue] = error.issues;
  if (!issue) return reject('InvalidCommand', 'invalid command', prefix);
  const rejection = issueRejection(
    issue.code === 'custom' ? issue : { path: issue.path, message: issue.message },
    'InvalidCommand',
    prefix,
  );
  return reject(rejection.code, rejection.message, rejection.field);
}
