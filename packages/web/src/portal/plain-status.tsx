import { Badge } from '@radix-ui/themes';
import type { PendingReason, TicketStatus } from '@deskside/shared';
import { requesterStatus } from '../lib/words';

const COLORS = {
  new: 'gray',
  acknowledged: 'indigo',
  in_progress: 'indigo',
  pending: 'amber',
  restored: 'teal',
  resolved: 'green',
  closed: 'gray',
} as const;

/** A ticket's status in the requester's words. */
export function PlainStatus({ status, pendingReason }: { status: TicketStatus; pendingReason: PendingReason | null }) {
  return (
    <Badge color={COLORS[status]} variant="soft" highContrast size="2" data-testid="plain-status" data-status={status}>
      {requesterStatus(status, pendingReason)}
    </Badge>
  );
}
