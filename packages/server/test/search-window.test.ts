import { expect, it } from 'vitest';
import { searchTicketIds } from '../src/modules/search/index.js';
import { describeEachDialect } from './support/dialects.js';
import { signedIn } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';
import { createTicket } from './support/tickets.js';

// PostgreSQL walks the newest ids in order and looks further back through the GIN
// index (search-tickets.ts). A tiny window makes both paths, and the seam between
// them, visible with a handful of tickets; SQLite must give the same answers.
describeEachDialect('search batches across the walk window', (dialect) => {
  const desk = useTestDesk(dialect);

  it('returns every match once, newest first, whichever path finds it', async () => {
    const { api } = await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] });
    const matching: number[] = [];
    for (let i = 0; i < 14; i++) {
      const word = [1, 2, 7, 10, 12].includes(i) ? 'zebrafish' : 'keyboard';
      const t = await createTicket(api, { subject: `Lab ${word} ${i}`, description: `The ${word} tank monitor is down` });
      if (word === 'zebrafish') matching.push(t.id);
    }
    const newestFirst = [...matching].reverse();
    const scope = { publicOnly: false };
    for (const window of [1, 3, 5, 100_000]) {
      const first = await searchTicketIds(desk.db, 'zebrafish', scope, null, 3, window);
      expect(first).toEqual(newestFirst.slice(0, 3));
      const rest = await searchTicketIds(desk.db, 'zebrafish', scope, first[first.length - 1]!, 3, window);
      expect(rest).toEqual(newestFirst.slice(3));
    }
  });
});
