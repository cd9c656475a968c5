/** A caller as the API knows it, and the domain actor it acts as. */
import { BOOTSTRAP_ADMIN_ID, type Actor, type PrincipalRole, type PrincipalState } from '../../domain/index.js';

export interface Principal {
  readonly id: string;
  readonly name: string;
  readonly role: PrincipalRole;
  /** Region prefix ('' = everywhere); meaningful for admin, the regional roles and the log roles (auditor, subscriber). */
  readonly region: string;
  readonly operatorId?: string;
}

export const BOOTSTRAP_ADMIN: Omit<Principal, 'id'> & { id: typeof BOOTSTRAP_ADMIN_ID } = {
  id: BOOTSTRAP_ADMIN_ID,
  name: 'bootstrap admin',
  role: 'admin',
  region: '',
};

export function principalFromState(state: PrincipalState): Principal {
  return {
    id: state.id,
    name: state.name,
    role: state.role,
    region: state.region ?? '',
    ...(state.operatorId === undefined ? {} : { operatorId: state.operatorId }),
  };
}

/** toActor: the domain actor of a principal; auditors and subscribers only read, so they have none. */
export function toActor(principal: Principal | undefined): Actor | undefined {
  if (!principal) return { kind: 'public' };
  switch (principal.role) {
    case 'admin':
    case 'reviewer':
    case 'inspector':
    case 'monitor':
    case 'enforcer':
      return { kind: 'authority', role: principal.role, region: principal.region, id: principal.id };
    case 'operator':
      // The principal travels into the event's actor (op:<operator>/<principal>), so each key's actions can be told apart.
      return principal.operatorId === undefined
        ? undefined
        : { kind: 'operator', operatorId: principal.operatorId, principal: principal.id };
    case 'auditor':
    case 'subscriber':
      return undefined;
  }
}
