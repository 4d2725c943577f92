import type { SessionClient } from './people.js';

export interface StreamEvent {
  event: string;
  id: string | undefined;
  data: Record<string, unknown>;
}

/** An open /api/v1/stream, read as a browser's EventSource would, collecting events as they come. */
export interface OpenStream {
  status: number;
  contentType: string | null;
  received: StreamEvent[];
  /** Resolves with the first event (already received or still to come) that matches, or fails after timeoutMs. */
  waitFor(match: (e: StreamEvent) => boolean, timeoutMs?: number): Promise<StreamEvent>;
  close(): void;
}

export async function openStream(client: SessionClient): Promise<OpenStream> {
  const abort = new AbortController();
  const res = await client.raw('/api/v1/stream', { headers: { accept: 'text/event-stream' }, signal: abort.signal });
  const received: StreamEvent[] = [];
  const waiters = new Set<() => void>();
  if (res.ok && res.body) void pump(res.body, received, () => waiters.forEach((w) => w()));
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    received,
    waitFor: (match, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find(match);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching event within ${timeoutMs} ms; received ${JSON.stringify(received)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    close: () => abort.abort(),
  };
}

async function pump(body: ReadableStream<Uint8Array>, into: StreamEvent[], notify: () => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = parseBlock(block);
        if (event) into.push(event);
      }
      notify();
    }
  } catch {
    // Aborted by close(), or the server went away: either way the stream is over.
  }
}

function parseBlock(block: string): StreamEvent | null {
  let event = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  return { event, id, data: JSON.parse(data.join('\n')) as Record<string, unknown> };
}
