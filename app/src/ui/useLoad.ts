/**
 * useLoad: the state of one read (loading, loaded or failed with the server's reason); a 401 means
 * the device's key no longer works, so the device signs out. `reload` asks again.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import { signOut } from '../session.js';

export type Load<T> =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly value: T }
  | { readonly kind: 'failed'; readonly message: string; readonly status: number };

export function useLoad<T>(read: () => Promise<T>, deps: readonly unknown[]): Load<T> & { reload: () => void } {
  const [state, setState] = useState<Load<T>>({ kind: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    read().then(
      (value) => current && setState({ kind: 'loaded', value }),
      (error: unknown) => {
        if (!current) return;
        const status = error instanceof ApiError ? error.problem.status : 0;
        if (status === 401) signOut();
        setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error), status });
      },
    );
    return () => {
      current = false;
    };
  }, [...deps, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, reload };
}
