import type { CommandContext } from '../actor.js';
import { accept, reject, type Decision } from '../decision.js';
import type { ErasePersonal } from './commands.js';
import { personalTag } from './events.js';

/**
 * decideErasePersonal accepts an erasure record from an authority or an
 * operator (the edge has checked the vault row's recorder and region, which
 * the domain does not hold); the public never erases.
 */
export function decideErasePersonal(command: ErasePersonal, ctx: CommandContext): Decision {
  if (ctx.actor.kind === 'public') return reject('Forbidden', 'the public cannot erase personal data');
  return accept({ type: 'personal.erased', tags: [personalTag(command.ref)], data: { ref: command.ref, reason: command.reason } });
}
