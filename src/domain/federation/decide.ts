/** decideRecordImport: only an admin of everywhere (the node's own bootstrap admin) records what the node imported. */
import { requireAuthority } from '../access.js';
import type { CommandContext } from '../actor.js';
import { accept, reject, type Decision } from '../decision.js';
import type { RecordImport } from './commands.js';

export const federationTag = (origin: string): string => `federation:${origin}`;

export function decideRecordImport(command: RecordImport, { actor }: CommandContext): Decision {
  const admin = requireAuthority(actor, ['admin']);
  if (!admin.ok) return admin;
  if (admin.value.region !== '') return reject('Forbidden', 'only an admin of everywhere records federation imports');
  const { type: _type, ...data } = command;
  return accept({ type: 'federation.imported', tags: [federationTag(command.origin)], data });
}
