import type { DirectoryConnection, DirectoryPeopleList, DirectoryPersonView, ManualPersonInput } from '@deskside/shared';
import { Badge, Button, Card, Checkbox, Flex, Heading, Text, TextArea, TextField } from '@radix-ui/themes';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormError } from '../components/form-error';
import { NativeSelect } from '../components/native-select';
import { api } from '../lib/api';
import { formatWhen } from '../lib/time';

const peopleKey = ['admin', 'directory', 'manual-people'] as const;

/**
 * Admin > Directory, manual kind: the people of record the desk keeps itself (decision 0043).
 * Agents pick identity targets from them, callbacks dial their phone, notices reach them and
 * their manager. A phone or e-mail entered or changed here is dated now, like a sync dates it.
 */
export function ManualPeopleSection({ connection }: { connection: DirectoryConnection }) {
  const [editing, setEditing] = useState<DirectoryPersonView | 'new' | null>(null);
  const people = useQuery({
    queryKey: peopleKey,
    queryFn: () => api.request<DirectoryPeopleList>('GET', '/api/v1/directory/people?limit=50'),
    enabled: connection.configured && connection.kind === 'manual',
  });
  if (!connection.configured || connection.kind !== 'manual') return null;
  const all = people.data?.items ?? [];
  return (
    <Card data-testid="manual-people">
      <Flex direction="column" gap="3">
        <Heading as="h2" size="3">People of record</Heading>
        <Text size="2" color="gray">
          A manual directory has no source to sync: enter each person with the id the native console shows for them. A phone number
          entered or changed here cannot be used for a callback until the policy's quiet days have passed.
        </Text>
        <FormError error={people.error} />
        <ul className="ds-access-list" data-testid="manual-people-list">
          {all.map((p) => (
            <li key={p.immutableId}>
              <Flex gap="2" align="center" wrap="wrap">
                <Button type="button" variant="ghost" onClick={() => setEditing(p)} data-testid="edit-manual-person">{p.name}</Button>
                <Text size="1" color="gray">id {p.immutableId} · {p.email ?? 'no e-mail'} · phone since {formatWhen(p.phoneChangedAt)}</Text>
                {p.privileged ? <Badge color="red">Privileged</Badge> : null}
              </Flex>
            </li>
          ))}
        </ul>
        {editing ? (
          <ManualPersonForm key={editing === 'new' ? 'new' : editing.immutableId} person={editing === 'new' ? null : editing} people={all} onDone={() => setEditing(null)} />
        ) : (
          <Flex><Button type="button" variant="soft" onClick={() => setEditing('new')} data-testid="add-manual-person">Add a person</Button></Flex>
        )}
      </Flex>
    </Card>
  );
}

function ManualPersonForm({ person, people, onDone }: { person: DirectoryPersonView | null; people: DirectoryPersonView[]; onDone: () => void }) {
  const client = useQueryClient();
  const [id, setId] = useState(person?.immutableId ?? '');
  const [name, setName] = useState(person?.name ?? '');
  const [email, setEmail] = useState(person?.email ?? '');
  const [phone, setPhone] = useState(person?.phoneOfRecord ?? '');
  const [managerId, setManagerId] = useState(person?.managerId ?? '');
  const [privileged, setPrivileged] = useState(person?.privileged ?? false);
  const [groups, setGroups] = useState((person?.groups ?? []).map((g) => g.name).join('\n'));
  const save = useMutation({
    mutationFn: () => {
      const body: ManualPersonInput = {
        name,
        email: email.trim() || null,
        phoneOfRecord: phone.trim() || null,
        managerId: managerId || null,
        privileged,
        disabled: person?.disabled ?? false,
        // The console's group name is its id here: that is what the agent looks for.
        groups: [...new Set(groups.split('\n').map((g) => g.trim()).filter(Boolean))].map((g) => ({ id: g, name: g })),
      };
      return api.request<DirectoryPersonView>('PUT', `/api/v1/admin/directory/people/${encodeURIComponent(id.trim())}`, body);
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: peopleKey });
      void client.invalidateQueries({ queryKey: ['admin', 'directory'] });
      onDone();
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const text = (label: string, value: string, set: (v: string) => void, testId: string, readOnly = false) => (
    <label className="ds-field">
      <Text size="2" weight="medium">{label}</Text>
      <TextField.Root value={value} readOnly={readOnly} onChange={(e) => set(e.target.value)} data-testid={testId} autoComplete="off" />
    </label>
  );
  const managers = [{ value: '', label: 'No manager of record' }, ...people.filter((p) => p.immutableId !== id).map((p) => ({ value: p.immutableId, label: p.name }))];
  return (
    <form onSubmit={onSubmit} aria-label={person ? `Edit ${person.name}` : 'Add a person of record'} data-testid="manual-person-form" noValidate>
      <Flex direction="column" gap="2">
        {text('Id in the native console', id, setId, 'manual-person-id', person !== null)}
        {text('Name', name, setName, 'manual-person-name')}
        {text('E-mail of record', email, setEmail, 'manual-person-email')}
        {text('Phone of record', phone, setPhone, 'manual-person-phone')}
        <label className="ds-field">
          <Text size="2" weight="medium">Manager</Text>
          <NativeSelect value={managerId} onValueChange={setManagerId} options={managers} data-testid="manual-person-manager" />
        </label>
        <label className="ds-field">
          <Text size="2" weight="medium">Groups (one per line, as the console names them)</Text>
          <TextArea value={groups} onChange={(e) => setGroups(e.target.value)} rows={3} data-testid="manual-person-groups" />
        </label>
        <Text as="label" size="2">
          <Flex gap="2" align="center">
            <Checkbox checked={privileged} onCheckedChange={(c) => setPrivileged(c === true)} data-testid="manual-person-privileged" />
            An administrator in the native console (actions on them need two approvers)
          </Flex>
        </Text>
        <FormError error={save.error} />
        <Flex gap="2">
          <Button type="submit" loading={save.isPending} data-testid="save-manual-person">Save person</Button>
          <Button type="button" variant="soft" color="gray" onClick={onDone}>Cancel</Button>
        </Flex>
      </Flex>
    </form>
  );
}
