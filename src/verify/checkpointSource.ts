import { readFileSync } from 'node:fs';

/**
 * loadCheckpointNote reads a signed checkpoint held elsewhere: an http(s)
 * URL (a follower's or the writer's `/v1/log/checkpoint`; a bare origin gets
 * that path) or a file holding the note. It verifies nothing.
 */
export async function loadCheckpointNote(source: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  if (!/^https?:\/\//i.test(source)) return readFileSync(source, 'utf8');
  const url = new URL(source);
  if (url.pathname === '/') url.pathname = '/v1/log/checkpoint';
  const response = await fetchImpl(url);
  if (!response.ok) throw new Error(`GET ${url.href} answered ${response.status}`);
  return response.text();
}
