/**
 * lot.commission (生产批次): an approved producer gives a new production lot a
 * fresh kind-1 code of its own region, with its product, quantity, origin,
 * certificate of compliance and the certifications it claims.
 */
import { requireActingOperator } from '../access.js';
import type { CommandContext } from '../actor.js';
import { accept, found, reject, type Checked, type Decision } from '../decision.js';
import type { OperatorState } from '../operator/index.js';
import type { StateView } from '../state.js';
import { lotTag } from '../tags.js';
import { endOf, isValidAt } from '../values/index.js';
import type { CommissionLot } from './commands.js';
import type { Claim } from './events.js';
import { certificateRefusal, freshCodeRefusal, futureRefusal } from './guards.js';

export function decideCommission(command: CommissionLot, { actor, time }: CommandContext, view: StateView): Decision {
  const producer = requireActingOperator(actor, view);
  if (!producer.ok) return producer;
  if (!producer.value.roles.includes('producer')) {
    return reject('NotProducer', `operator ${producer.value.id} is not registered as a producer`);
  }
  const refusal =
    freshCodeRefusal(view, command.code, 1, producer.value.region, 'code') ??
    futureRefusal(command.producedAt, time, 'producedAt') ??
    certificateRefusal(command.certificate, command.quantity, time, 'certificate');
  if (refusal) return refusal;
  const claims = resolveClaims(command.claims ?? [], producer.value, time);
  if (!claims.ok) return claims;
  const { type: _type, claims: _numbers, ...lot } = command;
  return accept({
    type: 'lot.commissioned',
    tags: [lotTag(command.code)],
    data: { ...lot, operatorId: producer.value.id, claims: claims.value },
  });
}

/**
 * resolveClaims: each claimed number must be one of the operator's
 * certifications, valid now; the claim records whether a reviewer had
 * confirmed it, so that pages can show an unconfirmed one as self-declared.
 */
function resolveClaims(numbers: readonly string[], operator: OperatorState, time: string): Checked<Claim[]> {
  const now = Date.parse(time);
  const claims: Claim[] = [];
  for (const [index, number] of numbers.entries()) {
    const field = `claims.${index}`;
    const held = operator.certifications.filter((certification) => certification.number === number);
    if (held.length === 0) return reject('UnknownCertification', `operator holds no certification ${number}`, field);
    const valid = held.find((c) => isValidAt(c, now));
    if (!valid) {
      const expired = held.every((c) => endOf(c.validTo) < now);
      return expired
        ? reject('CertificationExpired', `certification ${number} has expired`, field)
        : reject('CertificationNotYetValid', `certification ${number} is not valid yet`, field);
    }
    // A self-declared certification may be claimed; the claim says so (自我声明).
    claims.push({ type: valid.type, number, confirmed: valid.confirmed });
  }
  return found(claims);
}
