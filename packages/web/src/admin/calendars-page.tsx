import { Badge, Button, Callout, Flex, Text } from '@radix-ui/themes';
import type { Calendar } from '@deskside/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormError } from '../components/form-error';
import { api } from '../lib/api';
import { AdminPage } from './admin-tabs';
import { ActionsHeader, EditCell } from './admin-table-cells';
import { CalendarForm } from './calendar-form';
import { calendarHoursText, holidayText } from './calendar-text';
import { useAdminEditor } from './use-admin-editor';

export const calendarsKey = ['admin', 'calendars'] as const;

/** Business-hours calendars that SLA policies count time on. */
export function CalendarsPage() {
  const client = useQueryClient();
  const calendars = useQuery({ queryKey: calendarsKey, queryFn: () => api.calendars().then((r) => r.items) });
  const { editing, open, saved, reload, finish } = useAdminEditor((id: number) => api.calendar(id), calendarsKey);

  return (
    <AdminPage title="Business-hours calendars">
      <Text as="p" size="2" color="gray">
        A calendar says when SLA time counts: the opening hours of each weekday in one time zone, less its holidays. Each SLA
        policy runs on one calendar. Changing a calendar re-times the open tickets of every policy that uses it.
      </Text>
      {saved ? (
        <Callout.Root color="green" role="status" size="1" data-testid="calendar-saved">
          <Callout.Text>{saved}</Callout.Text>
        </Callout.Root>
      ) : null}
      {editing.mode === 'list' ? (
        <Flex>
          <Button onClick={() => open({ mode: 'new' })} data-testid="new-calendar">
            Add a calendar
          </Button>
        </Flex>
      ) : (
        <CalendarForm
          // A reloaded calendar starts a fresh form from its new version.
          key={editing.mode === 'edit' ? `${editing.item.id}:${editing.item.version}` : 'new'}
          initial={editing.mode === 'edit' ? editing.item : null}
          onSaved={(calendar) => {
            finish(`Calendar "${calendar.name}" saved.`, calendar);
            // Policies show their calendar's name.
            void client.invalidateQueries({ queryKey: ['admin', 'sla-policies'] });
          }}
          onCancel={() => open({ mode: 'list' })}
          onReload={() => editing.mode === 'edit' && reload.mutate(editing.item.id)}
          reloading={reload.isPending}
        />
      )}
      <FormError error={calendars.error ?? reload.error} />
      {calendars.data ? (
        <CalendarTable calendars={calendars.data} onEdit={(calendar) => open({ mode: 'edit', item: calendar })} />
      ) : calendars.isPending ? (
        <Text color="gray">Loading…</Text>
      ) : null}
    </AdminPage>
  );
}

function CalendarTable({ calendars, onEdit }: { calendars: Calendar[]; onEdit: (c: Calendar) => void }) {
  if (calendars.length === 0) return <Text color="gray">No calendars yet.</Text>;
  return (
    <div className="ds-table-wrap">
      <table className="ds-table" data-testid="calendars-table">
        <caption className="ds-visually-hidden">Calendars</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Time zone</th>
            <th scope="col">Open</th>
            <th scope="col">Holidays</th>
            <ActionsHeader />
          </tr>
        </thead>
        <tbody>
          {calendars.map((c) => (
            <tr key={c.id} data-testid="calendar-row" data-calendar-name={c.name}>
              <th scope="row">
                <Text weight="medium">{c.name}</Text>
              </th>
              <td>{c.timeZone}</td>
              <td data-testid="calendar-hours">
                {c.alwaysOpen ? <Badge color="blue">24x7 (always open)</Badge> : calendarHoursText(c)}
              </td>
              <td data-testid="calendar-holidays" title={c.alwaysOpen ? undefined : c.holidays.map(holidayText).join('\n')}>
                {c.alwaysOpen ? <Text color="gray">—</Text> : c.holidays.length === 0 ? 'None' : c.holidays.length === 1 ? '1 holiday' : `${c.holidays.length} holidays`}
              </td>
              <EditCell name={c.name} onEdit={() => onEdit(c)} testId="edit-calendar" />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
