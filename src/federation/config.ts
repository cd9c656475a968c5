/** federationConfig: the upstreams of SUYUAN_UPSTREAMS, SUYUAN_UPSTREAM_VKEYS and SUYUAN_UPSTREAM_KEYS (same order). */
import { parseVerifierKey } from '../hash/index.js';
import type { UpstreamConfig } from './federation.js';

const list = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

export function federationConfig(env: NodeJS.ProcessEnv = process.env): UpstreamConfig[] {
  const urls = list(env.SUYUAN_UPSTREAMS);
  if (urls.length === 0) return [];
  const vkeys = list(env.SUYUAN_UPSTREAM_VKEYS);
  const keys = list(env.SUYUAN_UPSTREAM_KEYS);
  if (vkeys.length !== urls.length) {
    throw new Error(`SUYUAN_UPSTREAM_VKEYS must give one log key for each of the ${urls.length} SUYUAN_UPSTREAMS (got ${vkeys.length})`);
  }
  if (keys.length !== 0 && keys.length !== urls.length) {
    throw new Error(
      `SUYUAN_UPSTREAM_KEYS must give one API key for each of the ${urls.length} SUYUAN_UPSTREAMS, or none (got ${keys.length})`,
    );
  }
  return urls.map((url, index) => {
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
    } catch {
      throw new Error(`SUYUAN_UPSTREAMS: "${url}" is not an http(s) URL`);
    }
    try {
      parseVerifierKey(vkeys[index]!);
    } catch (error) {
      throw new Error(`SUYUAN_UPSTREAM_VKEYS: key ${index + 1} is not a log vkey: ${(error as Error).message}`);
    }
    return { url, vkey: vkeys[index]!, ...(keys[index] ? { key: keys[index] } : {}) };
  });
}
