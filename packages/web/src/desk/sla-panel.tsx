import { Badge, Card, Flex, Heading, Text } from '@radix-ui/themes';
import type { SlaClockView, Ticket, TicketSla } from '@deskside/shared';
import { formatSpan, formatWhen, useNow } from '../lib/time';

const TARGETS = [
  { key: 'firstResponse', label: 'First response' },
  { key: 'nextUpdate', label: 'Update cadence' },
  { key: 'restore', label: 'Working again' },
  { key: 'resolve', label: 'Resolved' },
] as const;

type Tone = 'green' | 'red' | 'amber' | 'gray' | 'indigo';

/** What one clock says, in the words and colour an agent reacts to. */
function describeClock(clock: SlaClockView, now: number): { badge: string; tone: Tone; detail: string } {
  switch (clock.state) {
    case 'met':
      return { badge: 'Met', tone: 'green', detail: clock.stoppedAt ? `met ${formatWhen(clock.stoppedAt, now)}` : 'met' };
    case 'breached': {
      const by = clock.breachedByMs !== null ? ` by ${formatSpan(clock.breachedByMs)}` : '';
      return { badge: 'Breached', tone: 'red', detail: `missed${by}${clock.stoppedAt ? '' : ', still open'}` };
    }
    case 'paused':
      return {
        badge: 'Paused',
        tone: 'gray',
        detail: clock.remainingMs !== null ? `${formatSpan(clock.remainingMs)} of business time left` : 'paused',
      };
    case 'running': {
      const due = clock.dueAt ? Date.parse(clock.dueAt) : null;
      const left = due !== null ? due - now : clock.remainingMs ?? 0;
      const text = due !== null ? `due ${formatWhen(clock.dueAt!, now)} (in ${formatSpan(left)})` : 'running';
      return { badge: clock.warned ? 'At risk' : 'Running', tone: clock.warned ? 'amber' : 'indigo', detail: text };
    }
    default:
      return { badge: 'No target', tone: 'gray', detail: 'this priority has no such target' };
  }
}

/** How much of the target is used, 0..1 (more than 1 when over), for the meter. */
function usedShare(clock: SlaClockView): number | null {
  if (!clock.targetMs || clock.state === 'not_applicable') return null;
  return clock.elapsedMs / clock.targetMs;
}

function ClockRow({ label, clock, now }: { label: string; clock: SlaClockView; now: number }) {
  const { badge, tone, detail } = describeClock(clock, now);
  const share = usedShare(clock);
  const shown = share === null ? 0 : Math.min(1, share);
  return (
    <li className="ds-sla-clock" data-testid="sla-clock" data-target={label} data-state={clock.state}>
      <Flex justify="between" align="center" gap="2">
        <Text size="2" weight="medium">
          {label}
        </Text>
        <Badge color={tone} variant={tone === 'red' ? 'solid' : 'soft'}>
          {badge}
        </Badge>
      </Flex>
      {share !== null ? (
        <meter
          className={`ds-sla-meter ds-sla-${tone}`}
          min={0}
          max={1}
          low={0.75}
          high={0.99}
          optimum={0}
          value={shown}
          aria-label={`${label}: ${Math.round(share * 100)}% of the target used`}
        />
      ) : null}
      <Text size="1" color="gray">
        {detail}
      </Text>
    </li>
  );
}

/** The ticket's service-level clocks: what is due when, what is paused, what was missed. */
export function SlaPanel({ ticket }: { ticket: Ticket }) {
  const now = useNow(15_000);
  const sla: TicketSla | null = ticket.sla;
  if (!sla) return null;
  return (
    <Card size="2" asChild>
      <section aria-labelledby="sla-heading" data-testid="sla-panel">
        <Flex direction="column" gap="3">
          <Flex justify="between" align="baseline" gap="2">
            <Heading as="h2" size="3" id="sla-heading">
              Service levels
            </Heading>
            <Text size="1" color="gray" data-testid="sla-policy">
              {sla.policy.name} · {sla.priority} targets
            </Text>
          </Flex>
          <ul className="ds-sla-clocks">
            {TARGETS.map((t) => (
              <ClockRow key={t.key} label={t.label} clock={sla[t.key]} now={now} />
            ))}
          </ul>
          {sla.missedUpdates > 0 ? (
            <Text size="1" color="red" data-testid="sla-missed-updates">
              {sla.missedUpdates === 1 ? 'One promised update was missed.' : `${sla.missedUpdates} promised updates were missed.`}
            </Text>
          ) : null}
        </Flex>
      </section>
    </Card>
  );
}
