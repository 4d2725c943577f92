import type { NotificationList } from '@deskside/shared';
import type { Db } from '../../db/connect.js';
import type { Actor } from '../identity/index.js';
import { countUnread, selectNotifications } from './notifications-repo.js';
import { presentNotification } from './present-notification.js';

export interface ListNotificationsInput {
  unreadOnly?: boolean;
  before?: number;
  limit: number;
}

/** The signed-in person's notifications, newest first, one keyset page, with their unread count. */
export async function listNotifications(db: Db, actor: Actor, input: ListNotificationsInput): Promise<NotificationList> {
  // Filtered by recipient in the query: another person's rows are never read.
  const rows = await selectNotifications(db, actor.id, { unreadOnly: input.unreadOnly ?? false, before: input.before, limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map(presentNotification),
    unread: await countUnread(db, actor.id),
    nextBefore: rows.length > input.limit ? page[page.length - 1]!.id : null,
  };
}

/** How many unread notifications a person has: the bell's badge. */
export function countUnreadNotifications(db: Db, personId: number): Promise<number> {
  return countUnread(db, personId);
}
