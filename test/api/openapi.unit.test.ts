/**
 * The OpenAPI document lists every JSON route, whichever plugin registers it:
 * route sets are encapsulated plugins, and this pins that none of their
 * routes goes missing from /docs/json (or appears there unannounced).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());

const ROUTES = [
  'DELETE /v1/personal-data/{ref}',
  'GET /epcis/capture',
  'GET /epcis/capture/{captureID}',
  'GET /epcis/events',
  'GET /health/live',
  'GET /health/ready',
  'GET /metrics',
  'GET /v1/alerts',
  'GET /v1/alerts/{alertId}',
  'GET /v1/cases',
  'GET /v1/cases/{caseId}',
  'GET /v1/codes/{code}',
  'GET /v1/codes/{code}/epcis',
  'GET /v1/codes/{code}/fsma204.csv',
  'GET /v1/codes/{code}/proof',
  'GET /v1/codes/{code}/trace',
  'GET /v1/inspections',
  'GET /v1/inspections/{inspectionId}',
  'GET /v1/log/checkpoint',
  'GET /v1/log/cosignatures',
  'GET /v1/log/events',
  'GET /v1/log/key',
  'GET /v1/log/proof/consistency',
  'GET /v1/log/proof/inclusion',
  'GET /v1/log/stream',
  'GET /v1/lots/{code}/certificate',
  'GET /v1/me',
  'GET /v1/operators',
  'GET /v1/operators/{id}',
  'GET /v1/operators/{id}/holdings',
  'GET /v1/operators/{id}/identity.png',
  'GET /v1/operators/{id}/identity.svg',
  'GET /v1/operators/{id}/trace-status',
  'GET /v1/personal-data/access',
  'GET /v1/personal-data/{ref}',
  'GET /v1/principals',
  'GET /v1/principals/{id}',
  'GET /v1/reports/activity',
  'GET /v1/reports/coverage',
  'GET /v1/risks',
  'GET /v1/samples/{sampleId}',
  'GET /v1/sampling-tasks',
  'GET /v1/sampling-tasks/{taskId}',
  'POST /epcis/capture',
  'POST /v1/activations',
  'POST /v1/activations/redeem',
  'POST /v1/alerts/{alertId}/release',
  'POST /v1/cases',
  'POST /v1/cases/{caseId}/close',
  'POST /v1/cases/{caseId}/penalties',
  'POST /v1/cases/{caseId}/records',
  'POST /v1/inspections',
  'POST /v1/inspections/{inspectionId}/rectification',
  'POST /v1/log/cosignatures',
  'POST /v1/lots',
  'POST /v1/lots/{code}/accept',
  'POST /v1/lots/{code}/freeze',
  'POST /v1/lots/{code}/records',
  'POST /v1/lots/{code}/reject',
  'POST /v1/lots/{code}/release',
  'POST /v1/lots/{code}/sales',
  'POST /v1/lots/{code}/shipments',
  'POST /v1/operators',
  'POST /v1/operators/{id}/certifications',
  'POST /v1/operators/{id}/certifications/{type}/{number}/confirmation',
  'POST /v1/operators/{id}/review',
  'POST /v1/operators/{id}/status',
  'POST /v1/principals',
  'POST /v1/principals/{id}/revoke',
  'POST /v1/processing',
  'POST /v1/samples',
  'POST /v1/samples/{sampleId}/results',
  'POST /v1/sampling-tasks',
];

describe('/docs/json', () => {
  it('lists exactly the API routes, each with its method', async () => {
    const doc = JSON.parse((await h.call('GET', '/docs/json')).body) as { paths: Record<string, Record<string, unknown>> };
    const listed = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(listed.sort()).toEqual(ROUTES);
  });
});
