import { Card, Checkbox, Flex, Grid, Heading, Text, TextField } from '@radix-ui/themes';
import { CreateUserBody, type Group, type Person, ROLES, type Role, UpdatePersonBody } from '@deskside/shared';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field } from '../components/field';
import { NativeSelect } from '../components/native-select';
import { api, isApiError } from '../lib/api';
import { type FieldErrors, fieldErrorsFrom, validateBody } from '../lib/problem';
import { AdminFormFooter } from './admin-form-footer';
import { changedFields } from './edit-conflict';

const MIN_PASSWORD = 12;

export const ROLE_LABELS: Record<Role, string> = {
  requester: 'Requester',
  agent: 'Agent',
  lead: 'Lead',
  admin: 'Admin',
};
const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

interface Draft {
  name: string;
  role: Role;
  groupIds: number[];
  vip: boolean;
  site: string;
  active: boolean;
}

interface PersonFormProps {
  /** The person being edited; null adds a new one. */
  initial: Person | null;
  groups: Group[];
  /** The signed-in admin: they may not demote or deactivate themselves. */
  meId: number;
  onSaved: (person: Person) => void;
  onCancel: () => void;
  onReload: () => void;
  reloading: boolean;
}

/** Adds a person, or changes one's role, groups, VIP flag and whether they may sign in. */
export function PersonForm({ initial, groups, meId, onSaved, onCancel, onReload, reloading }: PersonFormProps) {
  const before: Draft = initial
    ? {
        name: initial.name,
        role: initial.role,
        groupIds: [...initial.groupIds].sort((a, b) => a - b),
        vip: initial.vip,
        site: initial.site ?? '',
        active: initial.active,
      }
    : { name: '', role: 'requester', groupIds: [], vip: false, site: '', active: true };
  const [draft, setDraft] = useState<Draft>(before);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [unchanged, setUnchanged] = useState(false);
  const self = initial?.id === meId;

  const save = useMutation({
    mutationFn: (body: CreateUserBody | UpdatePersonBody) =>
      initial ? api.updatePerson(initial.id, body as UpdatePersonBody, initial.version) : api.createUser(body as CreateUserBody),
    onSuccess: onSaved,
  });
  const conflict = isApiError(save.error, 412);
  const edit = (next: Partial<Draft>) => {
    setUnchanged(false);
    if (save.isError && !conflict) save.reset();
    setDraft({ ...draft, ...next });
  };

  const changes = changedFields<Draft>(before, draft);
  // An emptied site field clears the site.
  const checked = initial
    ? validateBody(UpdatePersonBody, { ...changes, ...('site' in changes ? { site: draft.site.trim() || null } : {}) })
    : validateBody(CreateUserBody, {
        email,
        name: draft.name,
        role: draft.role,
        groupIds: draft.groupIds,
        vip: draft.vip,
        ...(draft.site.trim() ? { site: draft.site } : {}),
        ...(password ? { password } : {}),
      });
  const clientErrors: FieldErrors = attempted && !checked.ok ? checked.errors : {};
  const errors: FieldErrors = { ...clientErrors, ...fieldErrorsFrom(save.error) };
  if (!initial && isApiError(save.error, 409)) errors.email = save.error.problem.detail ?? 'That e-mail is taken.';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAttempted(true);
    setUnchanged(false);
    if (!checked.ok) return save.reset();
    if (initial && Object.keys(checked.data).length === 0) {
      save.reset();
      return setUnchanged(true);
    }
    save.mutate(checked.data);
  };
  const toggleGroup = (id: number, on: boolean) =>
    edit({ groupIds: on ? [...draft.groupIds, id].sort((a, b) => a - b) : draft.groupIds.filter((g) => g !== id) });

  return (
    <Card size="3" asChild>
      <form onSubmit={submit} noValidate aria-labelledby="person-form-heading" data-testid="person-form">
        <Flex direction="column" gap="4">
          <Heading as="h2" size="4" id="person-form-heading">
            {initial ? `Edit ${initial.name}` : 'Add a person'}
          </Heading>
          <Grid columns={{ initial: '1', sm: '2' }} gap="4">
            <Field label="Name" error={errors.name}>
              {(p) => <TextField.Root {...p} value={draft.name} onChange={(e) => edit({ name: e.target.value })} data-testid="person-name" />}
            </Field>
            {initial ? (
              <Field label="E-mail" hint="The sign-in address does not change here.">
                {(p) => <TextField.Root {...p} value={initial.email} readOnly />}
              </Field>
            ) : (
              <Field label="E-mail" hint="They sign in with this address." error={errors.email}>
                {(p) => <TextField.Root {...p} type="email" value={email} onChange={(e) => { setUnchanged(false); setEmail(e.target.value); }} data-testid="person-email" />}
              </Field>
            )}
            <Field label="Role" hint={self ? 'You cannot change your own role; another admin can.' : 'Requesters use the portal; agents, leads and admins work the desk.'} error={errors.role}>
              {(p) => <NativeSelect {...p} value={draft.role} onValueChange={(v) => edit({ role: v as Role })} options={ROLE_OPTIONS} disabled={self} data-testid="person-role" />}
            </Field>
            {initial ? null : (
              <Field
                label="Initial password (optional)"
                hint={`At least ${MIN_PASSWORD} characters${password ? ` (${password.length} so far)` : ''}. Without one, the person cannot sign in yet.`}
                error={errors.password}
              >
                {(p) => <TextField.Root {...p} type="password" autoComplete="new-password" value={password} onChange={(e) => { setUnchanged(false); setPassword(e.target.value); }} data-testid="person-password" />}
              </Field>
            )}
          </Grid>
          <fieldset className="ds-fieldset" data-testid="person-groups">
            <legend>
              <Text size="2" weight="medium">Groups</Text>{' '}
              <Text size="1" color="gray">(staff work their groups' tickets; for requesters a group is their department, which SLA policies can select)</Text>
            </legend>
            <Flex gap="4" wrap="wrap">
              {groups.map((g) => (
                <Text as="label" size="2" className="ds-checkbox-label" key={g.id}>
                  <Flex gap="2" align="center">
                    <Checkbox checked={draft.groupIds.includes(g.id)} onCheckedChange={(c) => toggleGroup(g.id, c === true)} data-testid={`person-group-${g.name}`} />
                    {g.name}
                  </Flex>
                </Text>
              ))}
            </Flex>
            {errors.groupIds ? <Text size="1" color="red">{errors.groupIds}</Text> : null}
          </fieldset>
          <Field label="Site (optional)" hint="Where they work, e.g. Lisbon office or Remote. SLA policies can select by it." error={errors.site}>
            {(p) => <TextField.Root {...p} value={draft.site} onChange={(e) => edit({ site: e.target.value })} data-testid="person-site" />}
          </Field>
          <Text as="label" size="2" className="ds-checkbox-label">
            <Flex gap="2" align="center">
              <Checkbox checked={draft.vip} onCheckedChange={(c) => edit({ vip: c === true })} data-testid="person-vip" />
              VIP: SLA policies for VIP requesters apply to their tickets
            </Flex>
          </Text>
          {initial ? (
            <Text as="label" size="2" className="ds-checkbox-label">
              <Flex gap="2" align="center">
                <Checkbox checked={draft.active} disabled={self} onCheckedChange={(c) => edit({ active: c === true })} data-testid="person-active" />
                {self
                  ? 'Active (you cannot deactivate yourself)'
                  : 'Active: may sign in. Clearing this ends their sessions and revokes their API tokens at once.'}
              </Flex>
            </Text>
          ) : null}
          <AdminFormFooter
            what="person"
            isNew={!initial}
            conflict={conflict}
            onReload={onReload}
            reloading={reloading}
            error={save.error}
            hasClientErrors={Object.keys(clientErrors).length > 0}
            unchanged={unchanged}
            saving={save.isPending}
            onCancel={onCancel}
            testId="person"
          />
        </Flex>
      </form>
    </Card>
  );
}
