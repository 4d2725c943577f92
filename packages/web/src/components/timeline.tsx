import { Badge, Flex, Text } from '@radix-ui/themes';
import { SLA_TARGETS, TICKET_STATUSES, type SlaTargetName, type TicketEvent, type TicketStatus } from '@deskside/shared';
import { TARGET_LABELS } from '../admin/sla-policy-text';
import { AttachmentList } from './attachment-list';
import { formatWhen, useNow } from '../lib/time';
import { EVENT_LABELS, REQUESTER_EVENT_LABELS, requesterStatus, statusLabel } from '../lib/words';

export interface TimelineNames {
  group: (id: number) => string | undefined;
  person: (id: number) => string | undefined;
}

const isSlaTarget = (v: unknown): v is SlaTargetName => (SLA_TARGETS as readonly unknown[]).includes(v);
const isTicketStatus = (v: unknown): v is TicketStatus => (TICKET_STATUSES as readonly unknown[]).includes(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** One line of what an event changed, from its data; the body is shown separately. */
function eventDetail(e: TicketEvent, names: TimelineNames | undefined, now: number, plain: boolean): string | null {
  const d = e.data;
  if (plain) {
    if (typeof d.nextUpdateAt === 'string') return `We will update you by ${formatWhen(d.nextUpdateAt, now)}`;
    if (e.type === 'created' || e.type === 'acknowledged') return null;
    if (isTicketStatus(d.to)) return `Status: ${requesterStatus(d.to, null)}`;
  }
  switch (e.type) {
    case 'status_changed':
    case 'reopened':
    case 'confirmed':
    case 'auto_closed':
      return d.from && d.to ? `${statusLabel(d.from)} → ${statusLabel(d.to)}${d.reason ? ` (${str(d.reason)})` : ''}` : null;
    case 'acknowledged':
    case 'public_reply':
      return typeof d.nextUpdateAt === 'string' ? `Next update promised for ${formatWhen(d.nextUpdateAt, now)}` : null;
    case 'field_changed':
      return d.field ? `${str(d.field)}: ${str(d.before) ?? 'none'} → ${str(d.after) ?? 'none'}` : null;
    case 'assigned': {
      const parts: string[] = [];
      if (typeof d.toGroupId === 'number' && d.toGroupId !== d.fromGroupId) {
        parts.push(`group ${names?.group(d.toGroupId) ?? `#${d.toGroupId}`}`);
      }
      if (d.toAssigneeId !== d.fromAssigneeId) {
        parts.push(
          typeof d.toAssigneeId === 'number' ? `to ${names?.person(d.toAssigneeId) ?? `person #${d.toAssigneeId}`}` : 'to nobody',
        );
      }
      return parts.length ? `Assigned ${parts.join(', ')}` : null;
    }
    case 'created':
      return typeof d.priority === 'string' ? `Priority ${d.priority}` : null;
    case 'sla_warning':
    case 'sla_breached':
    case 'went_silent':
      return isSlaTarget(d.target) && typeof d.dueAt === 'string' ? `${TARGET_LABELS[d.target]} due ${formatWhen(d.dueAt, now)}` : null;
    default:
      return null;
  }
}

interface TimelineProps {
  events: readonly TicketEvent[];
  /** The portal: plain words, and internal notes left out (the server already withholds them). */
  forRequester?: boolean;
  names?: TimelineNames;
}

/** The ticket's history, oldest first; every body is shown as plain text, never as markup. */
export function Timeline({ events, forRequester = false, names }: TimelineProps) {
  const now = useNow(60_000);
  const shown = forRequester ? events.filter((e) => e.visibility === 'public') : events;
  const labels = forRequester ? REQUESTER_EVENT_LABELS : EVENT_LABELS;
  if (shown.length === 0) return <Text color="gray">Nothing has happened yet.</Text>;
  return (
    <ol className="ds-timeline" aria-label="Timeline">
      {shown.map((e) => {
        const internal = e.visibility === 'internal';
        const detail = eventDetail(e, names, now, forRequester);
        return (
          <li key={e.id} data-testid="timeline-event" data-event-type={e.type} data-visibility={e.visibility}>
            <div className={internal ? 'ds-event ds-event-internal' : 'ds-event'}>
              <Flex direction="column" gap="1">
                <Flex gap="2" align="center" wrap="wrap">
                  {internal ? (
                    <Badge color="amber" variant="solid" size="1" data-testid="internal-label">
                      Internal
                    </Badge>
                  ) : null}
                  <Text weight="bold" size="2">
                    {labels[e.type]}
                  </Text>
                  <Text size="2" color="gray">
                    {forRequester && e.actor === null ? 'IT support' : `by ${e.actor?.name ?? 'the desk'}`}
                  </Text>
                  <Text size="1" color="gray" ml="auto">
                    <time dateTime={e.createdAt}>{formatWhen(e.createdAt, now)}</time>
                  </Text>
                </Flex>
                {detail ? (
                  <Text size="2" color="gray">
                    {detail}
                  </Text>
                ) : null}
                {e.body ? (
                  <Text as="p" size="2" className="ds-pre">
                    {e.body}
                  </Text>
                ) : null}
                {e.attachments?.length ? <AttachmentList ticketId={e.ticketId} files={e.attachments} /> : null}
              </Flex>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
