import { Badge } from '@radix-ui/themes';
import type { PendingReason, Priority, TicketStatus } from '@deskside/shared';
import { PENDING_LABELS, STATUS_LABELS } from '../lib/words';

const PRIORITY_COLORS = { P1: 'red', P2: 'orange', P3: 'blue', P4: 'gray' } as const;
const PRIORITY_WORDS: Record<Priority, string> = { P1: 'critical', P2: 'high', P3: 'medium', P4: 'low' };

/** P1 red through P4 grey; the word is there for people who cannot tell the colours apart. */
export function PriorityBadge({ priority, size = '1' }: { priority: Priority; size?: '1' | '2' | '3' }) {
  return (
    <Badge
      color={PRIORITY_COLORS[priority]}
      variant={priority === 'P1' ? 'solid' : 'soft'}
      highContrast={priority !== 'P1'}
      className={priority === 'P1' ? 'ds-p1' : undefined}
      size={size}
      title={`Priority ${priority}, ${PRIORITY_WORDS[priority]}`}
      data-testid="priority-badge"
    >
      {priority}
    </Badge>
  );
}

const STATUS_COLORS = {
  new: 'amber',
  acknowledged: 'indigo',
  in_progress: 'indigo',
  pending: 'gray',
  restored: 'teal',
  resolved: 'green',
  closed: 'gray',
} as const;

interface StatusBadgeProps {
  status: TicketStatus;
  pendingReason?: PendingReason | null;
  /** The queue's short form: "Pending: vendor". */
  compact?: boolean;
}

export function StatusBadge({ status, pendingReason, compact = false }: StatusBadgeProps) {
  const reason =
    status === 'pending' && pendingReason ? (compact ? `: ${pendingReason}` : ` (${PENDING_LABELS[pendingReason]})`) : '';
  return (
    <Badge
      color={STATUS_COLORS[status]}
      variant="soft"
      highContrast
      data-testid="status-badge"
      data-status={status}
      title={reason && compact ? `Pending, ${PENDING_LABELS[pendingReason ?? 'user']}` : undefined}
    >
      {STATUS_LABELS[status]}
      {reason}
    </Badge>
  );
}
