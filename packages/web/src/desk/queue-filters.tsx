import { Button, Checkbox, Flex, Text, TextField } from '@radix-ui/themes';
import { PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '@deskside/shared';
import { type Ref, useEffect, useState } from 'react';
import type { QueueSearch } from '../app/search-params';
import { Field } from '../components/field';
import { NativeSelect, type SelectOption } from '../components/native-select';
import { useGroups } from '../lib/reference-data';
import { STATUS_LABELS, TYPE_LABELS } from '../lib/words';

const STATUS_OPTIONS: SelectOption[] = [
  { value: '', label: 'All open' },
  ...TICKET_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
  { value: 'all', label: 'Any status' },
];
const ASSIGNEE_OPTIONS: SelectOption[] = [
  { value: '', label: 'Anyone' },
  { value: 'me', label: 'Me' },
  { value: 'none', label: 'Nobody' },
];
const PRIORITY_OPTIONS: SelectOption[] = [{ value: '', label: 'Any' }, ...PRIORITIES.map((p) => ({ value: p, label: p }))];
const TYPE_OPTIONS: SelectOption[] = [
  { value: '', label: 'Any' },
  ...TICKET_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] })),
];

interface QueueFiltersProps {
  search: QueueSearch;
  onChange: (patch: Partial<QueueSearch>) => void;
  searchRef: Ref<HTMLInputElement>;
}

/** The queue's filter bar; every filter lives in the address so views can be shared. */
export function QueueFilters({ search, onChange, searchRef }: QueueFiltersProps) {
  const groups = useGroups();
  const [text, setText] = useState(search.q ?? '');

  useEffect(() => setText(search.q ?? ''), [search.q]);
  useEffect(() => {
    if (text.trim() === (search.q ?? '')) return;
    const id = window.setTimeout(() => onChange({ q: text.trim() || undefined }), 300);
    return () => window.clearTimeout(id);
  }, [text, search.q, onChange]);

  const groupOptions: SelectOption[] = [
    { value: '', label: 'All groups' },
    ...(groups.data ?? []).map((g) => ({ value: String(g.id), label: g.name })),
  ];
  const filtered = Object.keys(search).length > 0;

  return (
    <section role="search" aria-label="Filter the queue">
      <Flex gap="3" wrap="wrap" align="end" className="ds-filters">
        <div className="ds-filter-search">
          <Field label="Search">
            {(p) => (
              <TextField.Root
                {...p}
                ref={searchRef}
                type="search"
                placeholder="Subject, description or replies  ( / )"
                value={text}
                onChange={(e) => setText(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') e.currentTarget.blur();
                }}
                data-testid="queue-search"
              />
            )}
          </Field>
        </div>
        <Field label="Status">
          {(p) => (
            <NativeSelect
              {...p}
              options={STATUS_OPTIONS}
              value={search.status ?? ''}
              onValueChange={(v) => onChange({ status: (v || undefined) as QueueSearch['status'] })}
              data-testid="filter-status"
            />
          )}
        </Field>
        <Field label="Group">
          {(p) => (
            <NativeSelect
              {...p}
              options={groupOptions}
              value={search.groupId ? String(search.groupId) : ''}
              onValueChange={(v) => onChange({ groupId: v ? Number(v) : undefined })}
              data-testid="filter-group"
            />
          )}
        </Field>
        <Field label="Assignee">
          {(p) => (
            <NativeSelect
              {...p}
              options={ASSIGNEE_OPTIONS}
              value={search.assignee ?? ''}
              onValueChange={(v) => onChange({ assignee: (v || undefined) as QueueSearch['assignee'] })}
              data-testid="filter-assignee"
            />
          )}
        </Field>
        <Field label="Priority">
          {(p) => (
            <NativeSelect
              {...p}
              options={PRIORITY_OPTIONS}
              value={search.priority ?? ''}
              onValueChange={(v) => onChange({ priority: (v || undefined) as QueueSearch['priority'] })}
              data-testid="filter-priority"
            />
          )}
        </Field>
        <Field label="Type">
          {(p) => (
            <NativeSelect
              {...p}
              options={TYPE_OPTIONS}
              value={search.type ?? ''}
              onValueChange={(v) => onChange({ type: (v || undefined) as QueueSearch['type'] })}
              data-testid="filter-type"
            />
          )}
        </Field>
        <Text as="label" size="2" className="ds-checkbox-label">
          <Flex gap="2" align="center">
            <Checkbox
              checked={search.unaccepted === true}
              onCheckedChange={(c) => onChange({ unaccepted: c === true ? true : undefined })}
              data-testid="filter-unaccepted"
            />
            Unaccepted only
          </Flex>
        </Text>
        {filtered ? (
          <Button variant="ghost" color="gray" onClick={() => onChange({ ...clearAll })}>
            Clear filters
          </Button>
        ) : null}
      </Flex>
    </section>
  );
}

const clearAll: Record<keyof QueueSearch, undefined> = {
  status: undefined,
  groupId: undefined,
  assignee: undefined,
  priority: undefined,
  type: undefined,
  unaccepted: undefined,
  q: undefined,
};
