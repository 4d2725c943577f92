import type { ApiClient } from './http-load.js';

// When does an agent see a mailed-in ticket? Two honest answers, both measured from the
// start of the SMTP transaction: (1) a search for a word only that mail holds finds it
// (what any API read sees: committed data), polled every PROBE_POLL_MS; (2) the desk's
// live stream, /api/v1/stream, announces its `created` event, which is what makes an
// open desk refetch its queue. One stream is open, as one agent's desk would have.

export const PROBE_POLL_MS = 20;
const PROBE_GIVE_UP_MS = 60_000;

/** One open desk's live stream: when each ticket's `created` event arrived. */
export interface DeskStream {
  createdSeenAt: Map<number, number>;
  /** Every `event: ticket` line received, whatever its type. */
  events: number;
  close(): void;
}

/** Opens /api/v1/stream with the client's token and records `created` announcements as they arrive. */
export async function openDeskStream(client: ApiClient): Promise<DeskStream> {
  const response = await client.pool.request({ path: '/api/v1/stream', method: 'GET', headers: { authorization: `Bearer ${client.token}`, accept: 'text/event-stream' } });
  if (response.statusCode !== 200) throw new Error(`GET /api/v1/stream answered ${response.statusCode}`);
  const stream: DeskStream = { createdSeenAt: new Map(), events: 0, close: () => response.body.destroy() };
  let buffered = '';
  response.body.setEncoding('utf8');
  response.body.on('data', (chunk: string) => {
    const at = performance.now();
    buffered += chunk;
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const frame = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      if (!frame.startsWith('event: ticket')) continue;
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (!data) continue;
      stream.events += 1;
      const change = JSON.parse(data) as { ticketId: number; type: string };
      if (change.type === 'created' && !stream.createdSeenAt.has(change.ticketId)) stream.createdSeenAt.set(change.ticketId, at);
    }
  });
  response.body.on('error', () => undefined);
  return stream;
}

export interface ProbeResult {
  /** SMTP transaction start -> the first search answer holding the ticket, in ms. */
  visibleMs: number;
  ticketId: number;
  searches: number;
}

/**
 * Polls GET /api/v1/tickets?q=<probe word> from `startedAt` (performance.now() when the
 * SMTP transaction began) until the ticket is found; null if it never shows up.
 */
export async function waitUntilSearchable(client: ApiClient, word: string, startedAt: number): Promise<ProbeResult | null> {
  let searches = 0;
  while (performance.now() - startedAt < PROBE_GIVE_UP_MS) {
    searches += 1;
    const response = await client.pool.request({ path: `/api/v1/tickets?q=${word}`, method: 'GET', headers: { authorization: `Bearer ${client.token}` } });
    const text = await response.body.text();
    const at = performance.now();
    if (response.statusCode !== 200) throw new Error(`search for ${word} answered ${response.statusCode}: ${text.slice(0, 300)}`);
    const found = (JSON.parse(text) as { items: { id: number }[] }).items[0];
    if (found) return { visibleMs: at - startedAt, ticketId: found.id, searches };
    await new Promise((resolve) => setTimeout(resolve, PROBE_POLL_MS));
  }
  return null;
}
