/** Calls to the JSON API of the same origin; a refusal arrives as the server's problem+json. */
import type { Session, SessionPrincipal } from './session.js';

export interface Problem {
  readonly status: number;
  readonly code?: string;
  readonly title?: string;
  readonly detail?: string;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
}

/** call: one JSON request to the API with the device's key; a refusal throws ApiError with the server's problem. */
export async function call<T>(method: string, path: string, key: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  if (!response.ok) {
    let problem: Problem = { status: response.status };
    try {
      problem = { ...(JSON.parse(text) as Problem), status: response.status };
    } catch {}
    throw new ApiError(problem);
  }
  return JSON.parse(text) as T;
}

/** redeemActivation trades the one-time token of an activation link for the device's key. */
export const redeemActivation = (token: string): Promise<Session> => call('POST', '/v1/activations/redeem', null, { token });

export const me = (session: Session): Promise<SessionPrincipal & { status: string }> => call('GET', '/v1/me', session.key);

export interface HoldingLot {
  readonly code: string;
  readonly status: string;
  readonly product: { readonly name: string; readonly variety?: string };
  readonly quantity: number;
  readonly available: number;
  readonly unit: string;
  readonly issuer: { readonly id: string; readonly name?: string };
}

export interface Holdings {
  readonly operatorId: string;
  readonly held: readonly HoldingLot[];
  readonly inTransit: readonly HoldingLot[];
}

export const holdings = (session: Session, operatorId: string): Promise<Holdings> =>
  call('GET', `/v1/operators/${encodeURIComponent(operatorId)}/holdings`, session.key);

export const operator = (session: Session, operatorId: string): Promise<{ id: string; name: string; region: string }> =>
  call('GET', `/v1/operators/${encodeURIComponent(operatorId)}`, session.key);

/** get: a JSON read with the signed-in device's key. */
export const get = <T>(session: Session, path: string): Promise<T> => call<T>('GET', path, session.key);
