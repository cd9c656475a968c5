/** expectRefused: the request is answered with this problem, and the log did not grow. */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Harness } from './harness.js';

export async function expectRefused(
  h: Harness,
  request: () => Promise<LightMyRequestResponse>,
  status: number,
  code: string,
  field?: string,
): Promise<Record<string, unknown>> {
  const before = h.ledger.size;
  const response = await request();
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(response.body) as Record<string, unknown>;
  expect(problem).toMatchObject({ status, code, type: `/problems/${code}` });
  if (field !== undefined) expect(problem.field).toBe(field);
  expect(h.ledger.size, 'nothing is appended on a refused request').toBe(before);
  return problem;
}
