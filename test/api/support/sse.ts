/** A minimal Server-Sent Events client over node:http, for tests: it can be dropped at any moment. */
import { request, type ClientRequest } from 'node:http';

export interface SseEvent {
  readonly id?: string;
  readonly event?: string;
  readonly data: string;
}

export interface SseConnection {
  /** Resolves when the server ends the stream or the connection is dropped. */
  readonly closed: Promise<void>;
  drop(): void;
}

export function connectSse(
  url: string,
  headers: Record<string, string>,
  onEvent: (event: SseEvent) => void,
  onComment?: (text: string) => void,
): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    let req: ClientRequest;
    const closed = new Promise<void>((done) => {
      req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`SSE answered ${res.statusCode}`));
          res.resume();
          return;
        }
        resolve({ closed, drop: () => req.destroy() });
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          buffer += chunk;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields: Record<string, string> = {};
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) onComment?.(line.slice(1).trim());
              const colon = line.indexOf(':');
              if (colon <= 0) continue;
              const name = line.slice(0, colon);
              const value = line.slice(colon + 1).replace(/^ /, '');
              if (name === 'data') data.push(value);
              else fields[name] = value;
            }
            if (data.length > 0)
              onEvent({ ...(fields.id ? { id: fields.id } : {}), ...(fields.event ? { event: fields.event } : {}), data: data.join('\n') });
          }
        });
        res.on('close', () => done());
        res.on('error', () => done());
      });
      req.on('error', () => done());
      req.end();
    });
  });
}
