import { ACCESS_ACTIONS, type AccessActionType, type AccessRequestView, type DirectoryPersonView, type OpenAccessRequestBody, SERVER_ACCESS_ACTIONS } from '@deskside/shared';
import { Button, Flex, Heading, Text, TextArea } from '@radix-ui/themes';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { fieldErrorsFrom } from '../../lib/problem';
import { openAccessRequest } from './access-api';
import { ACTION_DETAIL_FIELDS, type ActionDetails } from './action-details';
import { DirectoryPersonPicker } from './directory-person-picker';
import { AccessError } from './mfa-callout';

/** Plain names for the actions; only the ones the server runs can be chosen. */
const ACTION_NAMES: Record<AccessActionType, string> = {
  unlock_account: 'Unlock the account',
  reset_password: 'Reset the password',
  reset_mfa: 'Reset two-factor sign-in',
  add_group_member: 'Add to a group',
  remove_group_member: 'Remove from a group',
  assign_license: 'Assign a licence',
  reclaim_license: 'Reclaim a licence',
};
// What the server can carry out today; the others are shown so agents know they are coming.
const AVAILABLE: readonly AccessActionType[] = SERVER_ACCESS_ACTIONS;
/** What to finish when an action's own fields are incomplete: the button must never do nothing silently. */
const DETAILS_MISSING: Partial<Record<AccessActionType, string>> = {
  add_group_member: 'Pick the group from the directory first.',
  remove_group_member: 'Pick the group to remove them from first.',
  assign_license: 'Pick a licence pool with a free seat first.',
  reclaim_license: 'Pick the pool to take the seat back from first.',
};
/** Fields the server may name that have no message of their own in this form, in the words of their labels. */
const FIELD_WORDS: Record<string, string> = {
  targetDirectoryId: 'Who is it for',
  'action.groupId': 'Which group',
  'action.expiresAt': 'Remove automatically on',
  'action.poolId': 'Licence pool',
  note: 'What the caller said',
};

interface StartProps {
  ticketId: number;
  onOpened: (view: AccessRequestView) => void;
  onCancel: () => void;
}

/** Opens an identity action: a person picked from the directory, an action, and what the caller said. */
export function StartIdentityActionForm({ ticketId, onOpened, onCancel }: StartProps) {
  const [person, setPerson] = useState<DirectoryPersonView | null>(null);
  const [action, setAction] = useState<AccessActionType>('unlock_account');
  const [note, setNote] = useState('');
  const [details, setDetails] = useState<ActionDetails | null>({});
  const [breakGlass, setBreakGlass] = useState(false);
  const [breakGlassReason, setBreakGlassReason] = useState('');
  const Details = ACTION_DETAIL_FIELDS[action];
  const [missingPerson, setMissingPerson] = useState(false);
  const [missingDetails, setMissingDetails] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  // Stable, since the detail fields report from an effect that depends on it.
  const detailsChanged = useCallback((d: ActionDetails | null) => {
    setDetails(d);
    if (d !== null) setMissingDetails(false);
  }, []);
  const open = useMutation({
    mutationFn: (target: string) =>
      openAccessRequest(ticketId, {
        action: { type: action, ...details } as OpenAccessRequestBody['action'], targetDirectoryId: target, note,
        ...(breakGlass ? { breakGlass: { reason: breakGlassReason } } : {}),
      }),
    onSuccess: onOpened,
    // A refused reason is read out beside its field; the agent lands there to fix it.
    onError: (error) => {
      if (fieldErrorsFrom(error)['breakGlass.reason']) reasonField.current?.focus();
    },
  });
  const fieldErrors = fieldErrorsFrom(open.error);
  const reasonError = fieldErrors['breakGlass.reason'];
  const otherFieldErrors = Object.entries(fieldErrors).filter(([field]) => field !== 'breakGlass.reason');
  useEffect(() => heading.current?.focus(), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!person) {
      setMissingPerson(true);
      return;
    }
    if (!AVAILABLE.includes(action)) return;
    if (details === null) {
      setMissingDetails(true);
      return;
    }
    open.mutate(person.immutableId);
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="start-access-heading" data-testid="start-access-form"
      onKeyDown={(e) => { if (e.key === 'Escape') onCancel(); }}>
      <Flex direction="column" gap="3">
        <Heading as="h3" size="2" id="start-access-heading" ref={heading} tabIndex={-1}>
          Start an identity action
        </Heading>
        <DirectoryPersonPicker
          picked={person}
          onPick={(p) => { setPerson(p); setMissingPerson(false); }}
          error={missingPerson ? 'Pick the person from the directory first.' : undefined}
        />
        <fieldset className="ds-access-fieldset">
          <legend><Text size="2" weight="medium">What to do</Text></legend>
          <Flex direction="column" gap="1">
            {ACCESS_ACTIONS.map((a) => {
              const available = AVAILABLE.includes(a);
              return (
                <label key={a} className="ds-access-choice" data-disabled={available ? undefined : 'true'}>
                  <input type="radio" name="access-action" value={a} checked={action === a} disabled={!available} onChange={() => { setAction(a); setDetails(ACTION_DETAIL_FIELDS[a] ? null : {}); setMissingDetails(false); }} />
                  <Text size="2">{ACTION_NAMES[a]}</Text>
                  {available ? null : <Text size="1" color="gray">(coming later)</Text>}
                </label>
              );
            })}
          </Flex>
        </fieldset>
        {Details ? <Details key={action} person={person} onChange={detailsChanged} /> : null}
        {missingDetails && details === null ? (
          <Text size="1" color="red" role="alert" data-testid="details-missing">{DETAILS_MISSING[action] ?? 'Finish the fields for this action first.'}</Text>
        ) : null}
        <Flex direction="column" gap="1">
          <Text as="label" htmlFor="access-note" size="2" weight="medium">What the caller said</Text>
          <Text size="1" color="gray" id="access-note-hint">Write it down as they said it: the desk looks for warning signs in it.</Text>
          <TextArea id="access-note" aria-describedby="access-note-hint" value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={5000} data-testid="access-note" />
        </Flex>
        <fieldset className="ds-access-fieldset" data-testid="break-glass">
          <legend><Text size="2" weight="medium">Break-glass</Text></legend>
          <label className="ds-access-choice">
            <input type="checkbox" checked={breakGlass} onChange={(e) => setBreakGlass(e.target.checked)} data-testid="break-glass-toggle" />
            <Text size="2">The usual verification cannot be reached</Text>
          </label>
          {breakGlass ? (
            <Flex direction="column" gap="1" mt="2">
              <Text size="1" color="gray" id="break-glass-hint">
                Security is alerted as soon as you open it, and two other people must approve before it can run. Write why in full sentences: the access policy sets a minimum length, and Security reads it.
              </Text>
              <Text as="label" htmlFor="break-glass-reason" size="2" weight="medium">Why the usual way is not possible</Text>
              <TextArea id="break-glass-reason" ref={reasonField} value={breakGlassReason} rows={2} maxLength={2000}
                aria-describedby={reasonError ? 'break-glass-hint break-glass-reason-error' : 'break-glass-hint'} aria-invalid={reasonError ? true : undefined}
                onChange={(e) => setBreakGlassReason(e.target.value)} data-testid="break-glass-reason" />
              {reasonError ? <Text size="1" color="red" id="break-glass-reason-error" data-testid="break-glass-reason-error">{reasonError}</Text> : null}
            </Flex>
          ) : null}
        </fieldset>
        <AccessError error={open.error} />
        {otherFieldErrors.length > 0 ? (
          <ul className="ds-access-list" data-testid="open-field-errors">
            {otherFieldErrors.map(([field, message]) => <li key={field}><Text size="1" color="red">{FIELD_WORDS[field] ?? field}: {message}</Text></li>)}
          </ul>
        ) : null}
        <Flex gap="2">
          <Button type="submit" loading={open.isPending} data-testid="open-access-request">Open the request</Button>
          <Button type="button" variant="soft" color="gray" onClick={onCancel}>Cancel</Button>
        </Flex>
      </Flex>
    </form>
  );
}
