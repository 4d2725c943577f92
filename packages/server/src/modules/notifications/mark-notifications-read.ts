import type { MarkNotificationsReadBody, MarkNotificationsReadResult } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import { invalid } from '../../errors.js';
import type { Actor } from '../identity/index.js';
import { countUnread, markRead } from './notifications-repo.js';

/**
 * Marks the signed-in person's notifications read: the given ids, or all up to one id.
 * Ids that are not theirs match nothing, so nobody learns whether they exist.
 */
export async function markNotificationsRead(
  tx: Tx,
  actor: Actor,
  input: MarkNotificationsReadBody,
  now: number,
): Promise<MarkNotificationsReadResult> {
  const which = input.ids ? { ids: input.ids } : input.upTo !== undefined ? { upTo: input.upTo } : null;
  if (!which) throw invalid('ids', 'give either ids or upTo');
  const marked = await markRead(tx, actor.id, which, now);
  return { marked, unread: await countUnread(tx, actor.id) };
}
