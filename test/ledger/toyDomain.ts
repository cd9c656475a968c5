import type { LedgerDomain } from '../../src/ledger/index.js';

/** A tiny stock-keeping domain to test the sequencer apart from the real rules. */
export type ToyCommand = { type: 'add'; item: string; n: number } | { type: 'take'; item: string; n: number } | { type: 'bad' };
export type ToyEntity = { stock: number };
export type ToyRejection = { code: string };

export const toyDomain: LedgerDomain<ToyCommand, string, ToyEntity, ToyRejection> = {
  decide(command, _context, view) {
    if (command.type === 'bad') return { ok: true, events: [{ type: 'toy.bad', tags: ['lot:x'], data: { n: Number.NaN } }] };
    const tag = `lot:${command.item}`;
    const stock = view.get(tag)?.stock ?? 0;
    if (command.type === 'take' && command.n > stock) return { ok: false, rejection: { code: 'InsufficientQuantity' } };
    return { ok: true, events: [{ type: `toy.${command.type}`, tags: [tag], data: { n: command.n } }] };
  },
  evolve(_tag, state, event) {
    const n = (event.data as { n: number }).n;
    const stock = state?.stock ?? 0;
    return { stock: event.type === 'toy.add' ? stock + n : stock - n };
  },
  actorId: (actor) => `op:${actor}`,
  invalidEvent: (message) => ({ code: `InvalidEvent: ${message}` }),
};
