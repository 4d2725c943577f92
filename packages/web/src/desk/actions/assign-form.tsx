import { Button, Flex, TextArea } from '@radix-ui/themes';
import { AssignBody } from '@deskside/shared';
import { useState } from 'react';
import { Field } from '../../components/field';
import { NativeSelect } from '../../components/native-select';
import { api } from '../../lib/api';
import { useGroups, useStaff } from '../../lib/reference-data';
import { useMe } from '../../lib/session';
import { ActionForm } from './action-form';
import { type ActionProps, useActionForm } from './use-action-form';

/** Hands the ticket to a group and, optionally, one of its members, who must then accept it. */
export function AssignForm({ ticket, onDone, onCancel }: ActionProps) {
  const me = useMe();
  const groups = useGroups();
  const staff = useStaff();
  const [groupId, setGroupId] = useState(String(ticket.groupId));
  const [assigneeId, setAssigneeId] = useState(ticket.assigneeId ? String(ticket.assigneeId) : '');
  const [note, setNote] = useState('');
  const form = useActionForm(ticket, AssignBody, (b, t) => api.assign(t.id, b, t.version), onDone);

  const group = groups.data?.find((g) => String(g.id) === groupId);
  const members = (staff.data ?? []).filter((p) => group?.memberIds.includes(p.id));
  const iAmMember = group?.memberIds.includes(me.user.id) ?? false;

  const chooseGroup = (value: string) => {
    setGroupId(value);
    const next = groups.data?.find((g) => String(g.id) === value);
    if (!next?.memberIds.includes(Number(assigneeId))) setAssigneeId('');
  };

  return (
    <ActionForm
      label="Assign"
      submitLabel="Save assignment"
      testId="assign"
      pending={form.pending}
      error={form.error}
      onSubmit={() =>
        form.submit({
          groupId: Number(groupId),
          assigneeId: assigneeId ? Number(assigneeId) : null,
          ...(note.trim() ? { note } : {}),
        })
      }
      onCancel={onCancel}
    >
      <Flex gap="3" wrap="wrap" align="end">
        <Field label="Group" error={form.errors.groupId}>
          {(p) => (
            <NativeSelect
              {...p}
              autoFocus
              value={groupId}
              onValueChange={chooseGroup}
              options={(groups.data ?? []).map((g) => ({ value: String(g.id), label: `${g.name} (tier ${g.tier})` }))}
              data-testid="assign-group"
            />
          )}
        </Field>
        <Field label="Person" error={form.errors.assigneeId}>
          {(p) => (
            <NativeSelect
              {...p}
              value={assigneeId}
              onValueChange={setAssigneeId}
              options={[
                { value: '', label: 'Nobody yet (group queue)' },
                ...members.map((m) => ({ value: String(m.id), label: m.name })),
              ]}
              data-testid="assign-person"
            />
          )}
        </Field>
        {iAmMember && assigneeId !== String(me.user.id) ? (
          <Button type="button" variant="soft" onClick={() => setAssigneeId(String(me.user.id))}>
            Assign to me
          </Button>
        ) : null}
      </Flex>
      <Field label="Handoff note (optional)" hint="What the next person needs to know." error={form.errors.note}>
        {(p) => <TextArea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}
