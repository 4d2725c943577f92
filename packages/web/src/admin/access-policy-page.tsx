import { Button, Callout, Card, Flex, Heading, Text, TextField } from '@radix-ui/themes';
import {
  type AccessPolicy,
  type AccessPolicyVersion,
  type AccessPolicyVersionList,
  METHOD_LABELS,
  PRIVILEGED_MIN_APPROVERS,
  PublishAccessPolicyBody,
  VERIFICATION_METHODS,
} from '@deskside/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { Field } from '../components/field';
import { FormError } from '../components/form-error';
import { api, isApiError } from '../lib/api';
import { type FieldErrors, fieldErrorsFrom, validateBody } from '../lib/problem';
import { AccessPolicyRulesTable } from './access-policy-rules-table';
import { AccessPolicySettings } from './access-policy-settings';
import { METHOD_SHORT_NAMES } from './access-policy-text';
import { AdminPage } from './admin-tabs';
import { EditConflict } from './edit-conflict';
import './access-policy-page.css';
import { VersionHistory } from './version-history';

const URL = '/api/v1/admin/access-policy';
const policyKey = ['admin', 'access-policy'] as const;
const versionsKey = ['admin', 'access-policy', 'versions'] as const;

/** Which verification methods, how many and how many approvers each identity action needs, as published versions. */
export function AccessPolicyPage() {
  const current = useQuery({ queryKey: policyKey, queryFn: () => api.request<AccessPolicyVersion>('GET', URL) });
  const versions = useQuery({ queryKey: versionsKey, queryFn: () => api.request<AccessPolicyVersionList>('GET', `${URL}/versions`) });
  const [saved, setSaved] = useState<string | null>(null);
  const active = current.data;
  return (
    <AdminPage title="Access policy">
      <Flex direction="column" gap="2">
        <Text as="p" size="2">
          Before an agent unlocks an account, resets a password or two-factor sign-in, changes a group membership or a licence,
          the person must be verified. This page decides which verification methods count for each action, how many of them must
          succeed, and how many people must approve, for ordinary (standard) and privileged targets.
        </Text>
        <Text as="p" size="2">
          <Text weight="medium">Privileged targets always need at least {PRIVILEGED_MIN_APPROVERS} approvers</Text>, whatever this
          page says: directory admins, members of the privileged groups below, and Deskside&apos;s own agents and admins are what
          attackers aim for. <Text weight="medium">Knowledge questions are never a method</Text>: a birth date, an employee id or a
          manager&apos;s name can be looked up by anyone, so the desk does not offer them and refuses a policy that lists one.
        </Text>
        <Text as="p" size="2" color="gray">
          Each publish is a new version, recorded in the audit log. It applies to requests opened after it is published; requests
          opened earlier keep the requirements they were opened with.
        </Text>
      </Flex>
      <FormError error={current.error} />
      {saved ? (
        <Callout.Root color="green" role="status" size="1" data-testid="access-policy-saved">
          <Callout.Text>{saved}</Callout.Text>
        </Callout.Root>
      ) : null}
      {active ? (
        <>
          <Card size="2" data-testid="access-policy-in-force">
            <Heading as="h2" size="4">
              In force: version {active.version}
              {active.builtIn ? ' (built-in)' : ''}
            </Heading>
            <Text as="p" size="2" color="gray">
              {active.builtIn
                ? 'The policy the desk ships with; nothing has been published yet.'
                : `Published by ${active.publishedBy?.name ?? 'the desk'} on ${new Date(active.publishedAt ?? 0).toLocaleString()}: ${active.note}`}
            </Text>
          </Card>
          {/* Keyed by version: a new version in force restarts the draft from it. */}
          <PolicyEditor key={active.version} active={active} onPublished={(v) => setSaved(`Version ${v.version} is now in force.`)} />
        </>
      ) : null}
      <History versions={versions.data?.items ?? []} />
    </AdminPage>
  );
}

function PolicyEditor({ active, onPublished }: { active: AccessPolicyVersion; onPublished: (v: AccessPolicyVersion) => void }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<AccessPolicy>(() => structuredClone(active.policy));
  const [groupsText, setGroupsText] = useState(active.policy.privilegedGroupIds.join('\n'));
  const [note, setNote] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const form = useRef<HTMLFormElement>(null);
  // The table is long: take the keyboard to the first setting that was refused.
  const focusFirstProblem = () => setTimeout(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  const publish = useMutation({
    mutationFn: (body: PublishAccessPolicyBody) => api.request<AccessPolicyVersion>('PUT', URL, body, { 'if-match': `"${active.version}"` }),
    onSuccess: (v) => {
      onPublished(v);
      void client.invalidateQueries({ queryKey: policyKey });
    },
    onError: focusFirstProblem,
  });
  const errors: FieldErrors = { ...clientErrors, ...fieldErrorsFrom(publish.error) };
  // The audit log refuses a note that reads like a secret ("password: …"); it names entry.note.
  const noteError = errors.note ?? errors['entry.note'];
  const conflict = isApiError(publish.error, 412);
  // Refusals no field shows (the policy as a whole, a missing If-Match) are said in the summary instead.
  const shownByField = (key: string) => key.startsWith('policy.') || key === 'note' || key === 'entry.note';
  const summary = [
    'Nothing was published.',
    ...Object.entries(errors)
      .filter(([key]) => !shownByField(key))
      .map(([key, message]) => (key === 'policy' ? `The policy ${message}.` : `${key}: ${message}`)),
    ...(Object.keys(errors).some(shownByField) ? ['Some settings need another look; see the messages next to them.'] : []),
  ].join(' ');
  const edited =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      if (publish.isError) publish.reset();
      set(value);
    };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const policy = { ...draft, privilegedGroupIds: groupsText.split(/[\n,]+/).map((g) => g.trim()).filter(Boolean) };
    const checked = validateBody(PublishAccessPolicyBody, { policy, note });
    const found: FieldErrors = checked.ok ? {} : { ...checked.errors };
    if (!note.trim()) found.note = 'Say why the policy changes: the history and the audit log keep it.';
    setClientErrors(found);
    if (checked.ok && Object.keys(found).length === 0) {
      publish.mutate({ policy, note: note.trim() });
    } else {
      publish.reset();
      focusFirstProblem();
    }
  };

  return (
    <form ref={form} onSubmit={submit} noValidate aria-label="Next version of the access policy" data-testid="access-policy-form">
      <Flex direction="column" gap="4">
        <Card size="3" asChild>
          <section aria-labelledby="policy-rules-heading">
            <Flex direction="column" gap="3">
              <Heading as="h2" size="4" id="policy-rules-heading">
                Verification by action and target
              </Heading>
              <ul className="ds-policy-method-list">
                {VERIFICATION_METHODS.map((m) => (
                  <li key={m}>
                    <Text size="2">
                      <Text weight="medium">{METHOD_SHORT_NAMES[m]}</Text>: {METHOD_LABELS[m]}.
                    </Text>
                  </li>
                ))}
              </ul>
              <Text as="p" size="2" color="gray">
                &ldquo;Methods required&rdquo; counts different ticked methods that must succeed. Approvers are people other than the
                requesting agent and the person the action is for. Warning signs on a request (urgency, claimed authority, a recent
                phone change) can only add to what is asked here.
              </Text>
              <AccessPolicyRulesTable rules={draft.rules} onChange={edited((rules: AccessPolicy['rules']) => setDraft({ ...draft, rules }))} errors={errors} />
            </Flex>
          </section>
        </Card>
        <AccessPolicySettings policy={draft} onChange={edited(setDraft)} groupsText={groupsText} onGroupsText={edited(setGroupsText)} errors={errors} />
        <Card size="3">
          <Flex direction="column" gap="3">
            <Field label="Why this change" hint="Required; shown in the version history and written to the audit log." error={noteError}>
              {(p) => <TextField.Root {...p} value={note} onChange={(e) => edited(setNote)(e.target.value)} maxLength={500} data-testid="access-policy-note" />}
            </Field>
            {conflict ? (
              <EditConflict what="access policy" onReload={() => void client.invalidateQueries({ queryKey: policyKey })} reloading={false} />
            ) : Object.keys(errors).length > 0 ? (
              <Callout.Root color="red" role="alert" size="1" data-testid="access-policy-problems">
                <Callout.Text>{summary}</Callout.Text>
              </Callout.Root>
            ) : (
              <FormError error={publish.error} />
            )}
            <Flex gap="3">
              <Button type="submit" loading={publish.isPending} data-testid="publish-access-policy">
                Publish version {active.version + 1}
              </Button>
            </Flex>
          </Flex>
        </Card>
      </Flex>
    </form>
  );
}

function History({ versions }: { versions: AccessPolicyVersionList['items'] }) {
  return <VersionHistory testId="access-policy" versions={versions.map((v) => ({ version: v.version, by: v.publishedBy ?? null, at: v.publishedAt ?? null, note: v.note, builtIn: v.builtIn }))} />;
}
