import type { AccessRequestView, DirectoryGroupList, DirectoryGroupView } from '@deskside/shared';
import { Button, Flex, Text, TextField } from '@radix-ui/themes';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { api } from '../../lib/api';
import { formatWhen } from '../../lib/time';
import type { ActionDetailsProps } from './action-details';

const DAY = 24 * 60 * 60 * 1000;
/** As the server allows (decision 0039): a longer membership is a lasting one. */
const MAX_DAYS = 90;

const searchGroups = (q: string) => api.request<DirectoryGroupList>('GET', `/api/v1/directory/groups?q=${encodeURIComponent(q)}&limit=10`);
const groupById = (id: string) =>
  api.request<DirectoryGroupList>('GET', `/api/v1/directory/groups?id=${encodeURIComponent(id)}`).then((r) => r.items[0] ?? null);

/** What the agent typed, once they pause. */
function useSettled(value: string, ms = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** yyyy-mm-dd of a local day, for a date input's bounds. */
const dayText = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/**
 * Add to a group: the group is picked from the groups the people of record belong to (never
 * typed as an id), with an optional day on which the desk removes the membership again.
 */
export function AddGroupMemberFields({ person, onChange }: ActionDetailsProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [group, setGroup] = useState<DirectoryGroupView | null>(null);
  const [until, setUntil] = useState('');
  const q = useSettled(text.trim());
  const results = useQuery({ queryKey: ['directory-groups', q], queryFn: () => searchGroups(q), enabled: q.length >= 2 && !group });
  // The membership ends at the start of the chosen day, the agent's time.
  const expiresAt = until ? new Date(`${until}T00:00`).getTime() : null;
  const directIds = new Set((person?.groups ?? []).filter((g) => !g.nested).map((g) => g.id));

  useEffect(() => {
    onChange(group ? { groupId: group.id, expiresAt } : null);
  }, [group, expiresAt, onChange]);

  return (
    <Flex direction="column" gap="2" data-testid="group-action-fields">
      {group ? (
        <Flex align="center" gap="2" data-testid="picked-group" data-group-id={group.id}>
          <Text size="2" weight="medium">Group: {group.name}</Text>
          <Button type="button" size="1" variant="soft" color="gray" onClick={() => setGroup(null)}>Pick another group</Button>
        </Flex>
      ) : (
        <Flex direction="column" gap="1">
          <Text as="label" htmlFor={id} size="2" weight="medium">Which group</Text>
          <Text size="1" color="gray" id={`${id}-hint`}>Search the directory groups by name and pick one.</Text>
          <TextField.Root id={id} value={text} onChange={(e) => setText(e.target.value)} placeholder="At least 2 letters"
            aria-describedby={`${id}-hint`} autoComplete="off" data-testid="group-search" />
          <div aria-live="polite">
            {results.isError ? <Text size="1" color="red">The groups could not be searched.</Text> : null}
            {results.data && results.data.items.length === 0 ? <Text size="1" color="gray">No directory group matches “{q}”.</Text> : null}
            {results.data && results.data.items.length > 0 ? (
              <ul className="ds-access-results" aria-label="Directory groups found" data-testid="group-results">
                {results.data.items.map((g) => (
                  <li key={g.id}>
                    <button type="button" className="ds-access-result" disabled={directIds.has(g.id)} onClick={() => setGroup(g)} data-testid="group-result">
                      <span className="ds-access-result-name">{g.name}</span>
                      <span className="ds-access-result-meta">
                        {directIds.has(g.id) ? 'already a member' : `${g.directMembers} direct member${g.directMembers === 1 ? '' : 's'} of record`}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </Flex>
      )}
      <Flex direction="column" gap="1">
        <Text as="label" htmlFor={`${id}-until`} size="2" weight="medium">Remove automatically on (optional)</Text>
        <Text size="1" color="gray" id={`${id}-until-hint`}>
          Leave empty for a lasting membership. The desk removes it at the start of that day, at most {MAX_DAYS} days ahead.
        </Text>
        <TextField.Root id={`${id}-until`} type="date" value={until} onChange={(e) => setUntil(e.target.value)}
          min={dayText(Date.now() + DAY)} max={dayText(Date.now() + MAX_DAYS * DAY)} aria-describedby={`${id}-until-hint`} data-testid="group-until" />
      </Flex>
    </Flex>
  );
}

/** Remove from a group: one of the person's direct groups; a nested membership is changed in the group that holds it. */
export function RemoveGroupMemberFields({ person, onChange }: ActionDetailsProps) {
  const [groupId, setGroupId] = useState<string | null>(null);
  useEffect(() => {
    onChange(groupId ? { groupId } : null);
  }, [groupId, onChange]);
  if (!person) return <Text size="2" color="gray">Pick the person first: you choose among their groups.</Text>;
  if (person.groups.length === 0) return <Text size="2" color="gray">{person.name} is in no directory group of record.</Text>;
  return (
    <fieldset className="ds-access-fieldset" data-testid="group-action-fields">
      <legend><Text size="2" weight="medium">Which group</Text></legend>
      <Flex direction="column" gap="1">
        {person.groups.map((g) => (
          <label key={g.id} className="ds-access-choice" data-disabled={g.nested ? 'true' : undefined}>
            <input type="radio" name="remove-group" value={g.id} checked={groupId === g.id} disabled={g.nested} onChange={() => setGroupId(g.id)} />
            <Text size="2">{g.name}</Text>
            {g.nested ? <Text size="1" color="gray">(through another group)</Text> : null}
          </label>
        ))}
      </Flex>
    </fieldset>
  );
}

/** The group a membership request names, by name when the desk knows it, and when it ends. */
export function GroupActionSummary({ view }: { view: AccessRequestView }) {
  const groupId = view.action.groupId;
  const group = useQuery({ queryKey: ['directory-group', groupId], queryFn: () => groupById(groupId!), enabled: groupId !== undefined, staleTime: 5 * 60_000 });
  if (groupId === undefined || (view.action.type !== 'add_group_member' && view.action.type !== 'remove_group_member')) return null;
  const ends = view.action.expiresAt ?? null;
  return (
    <Text size="2" as="p" data-testid="group-action-summary">
      Group: <strong>{group.data?.name ?? `id ${groupId}`}</strong>
      {view.action.type === 'add_group_member'
        ? ends !== null ? ` · removed automatically ${formatWhen(new Date(ends).toISOString())}` : ' · lasting membership'
        : null}
    </Text>
  );
}
