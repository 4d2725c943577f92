import { Card, Flex, Heading, Text } from '@radix-ui/themes';
import { getRouteApi, Link } from '@tanstack/react-router';
import { PageState } from '../components/page-state';
import { Timeline } from '../components/timeline';
import { byId, useGroups, useStaff } from '../lib/reference-data';
import { useTicket } from '../lib/use-ticket';
import { IdentityActionsPanel } from './access/identity-actions-panel';
import { ActionBar } from './actions/action-bar';
import { PriorityPanel } from './priority-panel';
import { SlaPanel } from './sla-panel';
import { TicketDetails } from './ticket-details';
import { TicketHeader } from './ticket-header';
import { TicketMailPanel } from './ticket-mail-panel';

const routeApi = getRouteApi('/signed-in/desk/tickets/$number');

/** One ticket on the agent desk: state, triage, actions allowed now, and the full timeline. */
export function DeskTicketPage() {
  const { number } = routeApi.useParams();
  const { ticket, events } = useTicket(number);
  const groups = useGroups();
  const staff = useStaff();

  if (!ticket.data) {
    return (
      <div className="ds-page">
        <PageState error={ticket.error} backTo="/desk" backLabel="Back to the queue" />
      </div>
    );
  }
  const t = ticket.data;
  const groupMap = byId(groups.data);
  const staffMap = byId(staff.data);

  return (
    <Flex direction="column" gap="4" className="ds-page" data-testid="desk-ticket" data-ticket-version={t.version}>
      <Text size="2">
        <Link to="/desk">← Queue</Link>
      </Text>
      <TicketHeader ticket={t} />
      <div className="ds-ticket-layout">
        <Flex direction="column" gap="4" className="ds-ticket-main">
          <TicketDetails ticket={t} />
          <ActionBar ticket={t} />
          <IdentityActionsPanel ticket={t} />
          <Card size="2" asChild>
            <section aria-labelledby="timeline-heading">
              <Flex direction="column" gap="3">
                <Heading as="h2" size="3" id="timeline-heading">
                  Timeline
                </Heading>
                {events.data ? (
                  <Timeline
                    events={events.data}
                    names={{ group: (id) => groupMap.get(id)?.name, person: (id) => staffMap.get(id)?.name }}
                  />
                ) : (
                  <Text color="gray">{events.isError ? 'The timeline could not load.' : 'Loading the timeline…'}</Text>
                )}
              </Flex>
            </section>
          </Card>
          <TicketMailPanel ticket={t} />
        </Flex>
        <aside aria-label="Triage" className="ds-ticket-aside">
          <SlaPanel ticket={t} />
          <PriorityPanel ticket={t} />
        </aside>
      </div>
    </Flex>
  );
}
