import { Badge, Button, Callout, Flex, Text, TextField } from '@radix-ui/themes';
import type { Group, Person } from '@deskside/shared';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormError } from '../components/form-error';
import { api, queryKeys } from '../lib/api';
import { useMe } from '../lib/session';
import { AdminPage } from './admin-tabs';
import { ActionsHeader, EditCell } from './admin-table-cells';
import { PersonForm, ROLE_LABELS } from './people-form';
import { useAdminEditor } from './use-admin-editor';

export const peopleKey = ['admin', 'people'] as const;

/** Everyone who uses the desk: add people, set their role, groups and VIP flag, deactivate leavers. */
export function PeoplePage() {
  const client = useQueryClient();
  const me = useMe();
  const [search, setSearch] = useState('');
  const q = search.trim();
  const people = useQuery({
    queryKey: [...peopleKey, q],
    queryFn: () => api.people({ q, status: 'any', limit: 100 }),
    placeholderData: keepPreviousData,
  });
  const groups = useQuery({ queryKey: queryKeys.groups, queryFn: () => api.groups().then((r) => r.items) });
  const { editing, open, saved, reload, finish } = useAdminEditor((id: number) => api.person(id), peopleKey);

  return (
    <AdminPage title="People">
      <Text as="p" size="2" color="gray">
        Requesters report problems through the portal; agents, leads and admins work the desk. A person's groups decide
        which tickets they work, or for a requester which department's SLA policy applies. Deactivating someone signs
        them out everywhere and stops their API tokens.
      </Text>
      {saved ? (
        <Callout.Root color="green" role="status" size="1" data-testid="person-saved">
          <Callout.Text>{saved}</Callout.Text>
        </Callout.Root>
      ) : null}
      {editing.mode === 'list' ? (
        <Flex gap="3" align="end" wrap="wrap">
          <Button onClick={() => open({ mode: 'new' })} data-testid="new-person">
            Add a person
          </Button>
          <TextField.Root
            type="search"
            placeholder="Find by name or e-mail"
            aria-label="Find people by name or e-mail"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="people-search"
          />
        </Flex>
      ) : groups.data ? (
        <PersonForm
          key={editing.mode === 'edit' ? `${editing.item.id}:${editing.item.version}` : 'new'}
          initial={editing.mode === 'edit' ? editing.item : null}
          groups={groups.data}
          meId={me.user.id}
          onSaved={(person) => {
            finish(`${person.name} saved.`, person);
            // The assign form lists staff and group members.
            void client.invalidateQueries({ queryKey: queryKeys.staff });
            void client.invalidateQueries({ queryKey: queryKeys.groups });
          }}
          onCancel={() => open({ mode: 'list' })}
          onReload={() => editing.mode === 'edit' && reload.mutate(editing.item.id)}
          reloading={reload.isPending}
        />
      ) : null}
      <FormError error={people.error ?? groups.error ?? reload.error} />
      {people.data && groups.data ? (
        <PeopleTable
          people={people.data.items}
          mfaOn={new Set(people.data.mfaOn)}
          groups={groups.data}
          searching={q !== ''}
          onEdit={(p) => open({ mode: 'edit', item: p })}
        />
      ) : people.isPending ? (
        <Text color="gray">Loading…</Text>
      ) : null}
    </AdminPage>
  );
}

function PeopleTable(props: { people: Person[]; mfaOn: Set<number>; groups: Group[]; searching: boolean; onEdit: (p: Person) => void }) {
  const { people, groups, searching, onEdit } = props;
  if (people.length === 0) return <Text color="gray">{searching ? 'Nobody matches that search.' : 'Nobody yet.'}</Text>;
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  return (
    <div className="ds-table-wrap">
      <table className="ds-table" data-testid="people-table">
        <caption className="ds-visually-hidden">People</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
            <th scope="col">Groups</th>
            <th scope="col">Site</th>
            <th scope="col">VIP</th>
            <th scope="col">Two-factor</th>
            <th scope="col">Status</th>
            <ActionsHeader />
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id} data-testid="person-row" data-person-email={p.email}>
              <th scope="row">
                <Text weight="medium">{p.name}</Text>
              </th>
              <td>{p.email}</td>
              <td data-testid="person-role-cell">{ROLE_LABELS[p.role]}</td>
              <td data-testid="person-groups-cell">
                {p.groupIds.length === 0 ? <Text color="gray">—</Text> : p.groupIds.map((id) => groupName.get(id) ?? `#${id}`).join(', ')}
              </td>
              <td data-testid="person-site-cell">{p.site ?? <Text color="gray">—</Text>}</td>
              <td data-testid="person-vip-cell">{p.vip ? <Badge color="amber">VIP</Badge> : <Text color="gray">—</Text>}</td>
              <td data-testid="person-mfa-cell">
                {props.mfaOn.has(p.id) ? <Badge color="green" variant="outline">On</Badge> : <Text color="gray">Off</Text>}
              </td>
              <td data-testid="person-status-cell">
                {p.active ? <Badge color="green">Active</Badge> : <Badge color="gray">Deactivated</Badge>}
              </td>
              <EditCell name={p.name} onEdit={() => onEdit(p)} testId="edit-person" />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
