/**
 * What the operators' screens read: the signed-in operator's holdings (asked again once one of its
 * writes has been answered, since the server's numbers changed) and its profile (name, region,
 * certifications), kept on the device so the commission form is filled in offline too.
 */
import { useEffect, useState } from 'preact/hooks';
import { get, type HoldingLot, holdings } from '../../api.js';
import { writes } from '../../outbox.js';
import type { Session } from '../../session.js';
import { useSignal } from '../../signal.js';
import { type Load, useLoad } from '../../ui/useLoad.js';

export interface OperatorHoldings {
  readonly held: readonly HoldingLot[];
  readonly inTransit: readonly HoldingLot[];
  /** The read itself: failed offline, when the lists above are empty. */
  readonly load: Load<unknown>;
}

/** useHoldings: the operator's held lots and lots in transit to it (empty while loading or when the read failed). */
export function useHoldings(session: Session): OperatorHoldings {
  const operatorId = session.principal.operatorId ?? '';
  const answered = useSignal(writes).filter((write) => write.state !== 'pending').length;
  const load = useLoad(() => holdings(session, operatorId), [session.key, operatorId, answered]);
  return load.kind === 'loaded' ? { held: load.value.held, inTransit: load.value.inTransit, load } : { held: [], inTransit: [], load };
}

export interface OperatorProfile {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly regionName?: string;
  readonly certifications?: readonly { type: string; number: string; product: string; valid?: boolean }[];
}

const profileKey = (operatorId: string): string => `suyuan.operator.${operatorId}`;

function cachedProfile(operatorId: string): OperatorProfile | undefined {
  try {
    const stored = JSON.parse(localStorage.getItem(profileKey(operatorId)) ?? 'null') as OperatorProfile | null;
    return stored?.id === operatorId ? stored : undefined;
  } catch {
    return undefined;
  }
}

/** useOperatorProfile: the operator as the server last described it to this device (undefined until known). */
export function useOperatorProfile(session: Session): OperatorProfile | undefined {
  const operatorId = session.principal.operatorId ?? '';
  const [profile, setProfile] = useState<OperatorProfile | undefined>(() => cachedProfile(operatorId));
  useEffect(() => {
    if (operatorId === '') return;
    let current = true;
    get<OperatorProfile>(session, `/v1/operators/${encodeURIComponent(operatorId)}`).then(
      (fresh) => {
        const kept: OperatorProfile = {
          id: fresh.id,
          name: fresh.name,
          region: fresh.region,
          ...(fresh.regionName === undefined ? {} : { regionName: fresh.regionName }),
          certifications: (fresh.certifications ?? []).map(({ type, number, product, valid }) => ({ type, number, product, valid })),
        };
        localStorage.setItem(profileKey(operatorId), JSON.stringify(kept));
        if (current) setProfile(kept);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [session.key, operatorId]);
  return profile;
}
