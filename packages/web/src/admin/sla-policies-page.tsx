import { Badge, Button, Callout, Flex, Text } from '@radix-ui/themes';
import { type Group, PRIORITIES, type SlaPolicyView } from '@deskside/shared';
import { useQuery } from '@tanstack/react-query';
import { FormError } from '../components/form-error';
import { api } from '../lib/api';
import { byId, useGroups } from '../lib/reference-data';
import { AdminPage } from './admin-tabs';
import { ActionsHeader, EditCell } from './admin-table-cells';
import { calendarsKey } from './calendars-page';
import { SlaPolicyForm } from './sla-policy-form';
import { conditionsInWords, formatDuration, hasNoConditions } from './sla-policy-text';
import { useAdminEditor } from './use-admin-editor';

const policiesKey = ['admin', 'sla-policies'] as const;

/** A policy that takes every ticket reaching it; the default is only ever the fallback, so it is none. */
const takesAll = (p: SlaPolicyView) => !p.isDefault && hasNoConditions(p.conditions);

/**
 * A place for a new policy: before the first one that takes every ticket, where it could
 * never be reached; null (after all the others) when there is no such policy.
 */
function suggestPosition(policies: SlaPolicyView[]): number | null {
  const catchAll = policies.find(takesAll);
  if (!catchAll) return null;
  const before = policies.filter((p) => p.position < catchAll.position).map((p) => p.position);
  const next = before.length ? Math.max(...before) + 10 : 0;
  if (next < catchAll.position) return next;
  const gap = Math.floor((Math.max(...before) + catchAll.position) / 2);
  return gap > Math.max(...before) ? gap : null;
}

/** The order a new ticket meets them in: by position, and the default, the fallback, last. */
function inTrialOrder(policies: SlaPolicyView[]): SlaPolicyView[] {
  return [...policies].sort((a, b) => Number(a.isDefault) - Number(b.isDefault) || a.position - b.position || a.id - b.id);
}

/** SLA policies in the order they are tried for a new ticket. */
export function SlaPoliciesPage() {
  const policies = useQuery({ queryKey: policiesKey, queryFn: () => api.slaPolicies().then((r) => r.items) });
  const calendars = useQuery({ queryKey: calendarsKey, queryFn: () => api.calendars().then((r) => r.items) });
  const groups = useGroups();
  const { editing, open, saved, reload, finish } = useAdminEditor((id: number) => api.slaPolicy(id), policiesKey);
  const ready = policies.data && calendars.data && groups.data;

  return (
    <AdminPage title="SLA policies">
      <Text as="p" size="2" color="gray">
        A policy sets the targets a ticket is held to, per priority, counted on one business-hours calendar. A new ticket gets
        the first policy below whose conditions it meets, else the default. Changing a policy re-judges its open tickets.
      </Text>
      {saved ? (
        <Callout.Root color="green" role="status" size="1" data-testid="policy-saved">
          <Callout.Text>{saved}</Callout.Text>
        </Callout.Root>
      ) : null}
      {editing.mode !== 'list' && ready ? (
        <SlaPolicyForm
          key={editing.mode === 'edit' ? `${editing.item.id}:${editing.item.version}` : 'new'}
          initial={editing.mode === 'edit' ? editing.item : null}
          calendars={calendars.data}
          groups={groups.data}
          suggestedPosition={suggestPosition(policies.data)}
          onSaved={(policy) => finish(`Policy "${policy.name}" saved.`, policy)}
          onCancel={() => open({ mode: 'list' })}
          onReload={() => editing.mode === 'edit' && reload.mutate(editing.item.id)}
          reloading={reload.isPending}
        />
      ) : (
        <Flex>
          <Button onClick={() => open({ mode: 'new' })} disabled={!ready} data-testid="new-policy">
            Add a policy
          </Button>
        </Flex>
      )}
      <FormError error={policies.error ?? calendars.error ?? groups.error ?? reload.error} />
      {policies.data && groups.data ? (
        <PolicyTable policies={inTrialOrder(policies.data)} groups={byId(groups.data)} onEdit={(policy) => open({ mode: 'edit', item: policy })} />
      ) : policies.isPending ? (
        <Text color="gray">Loading…</Text>
      ) : null}
    </AdminPage>
  );
}

function PolicyTable({ policies, groups, onEdit }: { policies: SlaPolicyView[]; groups: Map<number, Group>; onEdit: (p: SlaPolicyView) => void }) {
  if (policies.length === 0) return <Text color="gray">No policies yet.</Text>;
  return (
    <div className="ds-table-wrap">
      <table className="ds-table" data-testid="policies-table">
        <caption className="ds-visually-hidden">SLA policies in the order they are tried</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Name</th>
            <th scope="col">Applies to</th>
            <th scope="col">Calendar</th>
            <th scope="col">Restore P1 / P2 / P3 / P4</th>
            <ActionsHeader />
          </tr>
        </thead>
        <tbody>
          {policies.map((p, i) => {
            const shadow = p.isDefault ? undefined : policies.slice(0, i).find(takesAll);
            return (
              <tr key={p.id} data-testid="policy-row" data-policy-name={p.name}>
                <td className="ds-nowrap">{p.isDefault ? <Text color="gray">last</Text> : p.position}</td>
                <th scope="row">
                  <Flex gap="2" align="center" wrap="wrap">
                    <Text weight="medium">{p.name}</Text>
                    {p.isDefault ? (
                      <Badge color="gray" data-testid="default-policy">
                        Default
                      </Badge>
                    ) : null}
                  </Flex>
                </th>
                <td>
                  <Text data-testid="policy-conditions">
                    {p.isDefault ? 'Every ticket no other policy takes' : conditionsInWords(p.conditions, groups)}
                  </Text>
                  {shadow ? (
                    <Text as="div" size="1" color="amber" data-testid="policy-unreachable">
                      Never chosen: "{shadow.name}" comes first and takes every ticket.
                    </Text>
                  ) : null}
                </td>
                <td>{p.calendar.name}</td>
                <td className="ds-nowrap" data-testid="policy-restore">
                  {PRIORITIES.map((pr) => formatDuration(p.targets[pr].restore) || '—').join(' / ')}
                </td>
                <EditCell name={p.name} onEdit={() => onEdit(p)} testId="edit-policy" />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
