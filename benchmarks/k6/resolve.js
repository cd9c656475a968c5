/**
 * benchmarks/k6/resolve.js — the resolve benchmark for users with k6 (it
 * cannot be installed on the machines this project is built on, where
 * benchmarks/resolve.ts runs the same scenarios with autocannon).
 *
 * Start the server under test and the bare route first, e.g. with
 *   npx tsx benchmarks/resolve.ts --role serve --lots 1000000 --data .tmp/bench-resolve-1000000
 * (after one normal run has seeded that directory), which prints
 * {"apiUrl": …, "bareUrl": …} and writes bench-codes.json there. Then:
 *   k6 run -e API_URL=http://127.0.0.1:PORT -e BARE_URL=http://127.0.0.1:PORT2 \
 *          -e CODES=.tmp/bench-resolve-1000000/bench-codes.json benchmarks/k6/resolve.js
 *
 * Three scenarios run one after another, 50 virtual users each: the bare
 * route, GET /v1/codes/{code} and GET /v1/codes/{code}/trace?direction=backward.
 * Thresholds: p99 of the lookup ≤ 5 ms, no failed requests. Compare the
 * scenarios' http_reqs rates for the ratios (goals: lookup ≥ 0.9 × bare, trace ≥ 0.5 × bare).
 */
import http from 'k6/http';
import { check } from 'k6';
import { SharedArray } from 'k6/data';

const API_URL = __ENV.API_URL || 'http://127.0.0.1:3000';
const BARE_URL = __ENV.BARE_URL || API_URL;
const DURATION = __ENV.DURATION || '20s';
const codes = new SharedArray('codes', () => JSON.parse(open(__ENV.CODES || 'bench-codes.json')));

function scenario(exec, startTime) {
  return { executor: 'constant-vus', vus: 50, duration: DURATION, exec, startTime, gracefulStop: '2s' };
}

export const options = {
  discardResponseBodies: true,
  scenarios: {
    bare: scenario('bare', '0s'),
    lookup: scenario('lookup', '25s'),
    trace: scenario('trace', '50s'),
  },
  thresholds: {
    http_req_failed: ['rate==0'],
    'http_req_duration{scenario:lookup}': ['p(99)<=5'],
    'http_reqs{scenario:bare}': ['count>0'],
    'http_reqs{scenario:lookup}': ['count>0'],
    'http_reqs{scenario:trace}': ['count>0'],
  },
  summaryTrendStats: ['avg', 'p(50)', 'p(99)', 'max'],
};

function code() {
  return codes[Math.floor(Math.random() * codes.length)];
}

export function bare() {
  const response = http.get(`${BARE_URL}/v1/codes/${code()}`, { tags: { name: 'bare' } });
  check(response, { 'bare 200': (r) => r.status === 200 });
}

export function lookup() {
  const response = http.get(`${API_URL}/v1/codes/${code()}`, { tags: { name: 'lookup' } });
  check(response, { 'lookup 200': (r) => r.status === 200 });
}

export function trace() {
  const response = http.get(`${API_URL}/v1/codes/${code()}/trace?direction=backward`, { tags: { name: 'trace' } });
  check(response, { 'trace 200': (r) => r.status === 200 });
}
