/** Regulators for the issue-12 API tests: an inspector, monitor and enforcer each for Guangzhou and for Hunan. */
import { principal } from './chain.js';
import type { Harness } from './harness.js';

export interface RegulatorKeys {
  readonly inspectorGz: string;
  readonly inspectorHn: string;
  readonly monitorGz: string;
  readonly monitorHn: string;
  readonly enforcerGz: string;
  readonly enforcerHn: string;
}

export async function regulators(h: Harness): Promise<RegulatorKeys> {
  const make = (role: string, region: string) => principal(h, { name: `${role} ${region}`, role, region });
  return {
    inspectorGz: await make('inspector', '4401'),
    inspectorHn: await make('inspector', '43'),
    monitorGz: await make('monitor', '4401'),
    monitorHn: await make('monitor', '43'),
    enforcerGz: await make('enforcer', '4401'),
    enforcerHn: await make('enforcer', '43'),
  };
}

/** The day after tomorrow and last year, as ISO dates: deadlines that are ahead, and passed. */
export const AHEAD = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
export const PASSED = `${new Date().getUTCFullYear() - 1}-01-01`;
