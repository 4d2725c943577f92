import type { AccessRequestView } from '@deskside/shared';
import { Badge, Button, Callout, Flex, Heading, Text, TextField } from '@radix-ui/themes';
import { useState } from 'react';
import { useMe } from '../../lib/session';
import { formatWhen } from '../../lib/time';

interface VerificationProps {
  view: AccessRequestView;
  pending: boolean;
  onCallback: () => void;
  onInPerson: (document: string) => void;
  /** Sends the person a confirmation link (directory_otp) or asks their manager of record (manager_approval). */
  onAsk: (step: 'verifications/otp' | 'verifications/manager') => void;
}

/** A method's name, marked once it succeeded, so nobody repeats a callback that is already on record. */
function MethodTitle({ children, doneAt }: { children: string; doneAt: string | null }) {
  return (
    <Flex align="center" gap="2" wrap="wrap">
      <Text size="2" weight="medium">{children}</Text>
      {doneAt ? <Badge color="green" data-testid="method-done">Done {formatWhen(doneAt)}</Badge> : null}
    </Flex>
  );
}

/** The verification methods the policy accepts for this request, each with what the agent must do. */
export function VerificationPanel({ view, pending, onCallback, onInPerson, onAsk }: VerificationProps) {
  const [document, setDocument] = useState('');
  const methods = view.requirements.acceptableMethods;
  const me = useMe();
  const pendingCheck = view.verifications.find((v) => v.method === 'in_person_id' && v.verifiedAt === null);
  const waitingSecond = pendingCheck !== undefined;
  // The agent who attested waits for a colleague; only someone else can confirm it.
  const attestedByMe = pendingCheck?.by.includes(me.user.id) ?? false;
  const waitingFor = (method: string) => view.verifications.some((v) => v.method === method && v.verifiedAt === null);
  const doneAt = (method: string) => view.verifications.find((v) => v.method === method && v.verifiedAt !== null)?.verifiedAt ?? null;
  return (
    <section aria-labelledby={`verify-${view.id}`} data-testid="access-verify">
      <Flex direction="column" gap="3">
        <Heading as="h4" size="2" id={`verify-${view.id}`}>Verify who is asking</Heading>
        {methods.includes('callback_of_record') ? (
          <Flex direction="column" gap="2" className="ds-access-method" data-testid="method-callback">
            <MethodTitle doneAt={doneAt('callback_of_record')}>Call back on the number of record</MethodTitle>
            {view.target.phoneOfRecord ? (
              <>
                <Text size="1" color="gray" as="label" htmlFor={`phone-${view.id}`}>Phone of record for {view.target.name}</Text>
                <TextField.Root id={`phone-${view.id}`} readOnly value={view.target.phoneOfRecord} className="ds-access-phone" data-testid="phone-of-record" />
                <Callout.Root color="blue" size="1">
                  <Callout.Text>Call this number, not one the caller gives you. Ask the person who answers to confirm the request.</Callout.Text>
                </Callout.Root>
                <Flex>
                  <Button type="button" variant={doneAt('callback_of_record') ? 'soft' : 'solid'} loading={pending} onClick={onCallback} data-testid="confirm-callback">
                    {doneAt('callback_of_record') ? 'I called back again and the person confirmed' : 'I called back and the person confirmed'}
                  </Button>
                </Flex>
              </>
            ) : (
              <Text size="2" color="gray">The directory has no phone number for this person, so a callback is not possible.</Text>
            )}
          </Flex>
        ) : null}
        {methods.includes('in_person_id') ? (
          <form
            className="ds-access-method"
            data-testid="method-in-person"
            onSubmit={(e) => { e.preventDefault(); onInPerson(document); }}
            aria-label="In-person ID check"
          >
            <Flex direction="column" gap="2">
              <MethodTitle doneAt={doneAt('in_person_id')}>Check an ID in person</MethodTitle>
              <Text size="1" color="gray">
                {waitingSecond
                  ? 'One agent has attested the check. A second, different agent must now confirm it in their own session.'
                  : 'Two agents are needed: you attest now, then a second, different agent confirms in their own session.'}
              </Text>
              {attestedByMe ? null : (
                <>
                  <Text as="label" size="1" htmlFor={`doc-${view.id}`}>What ID you looked at (never its number)</Text>
                  <TextField.Root id={`doc-${view.id}`} value={document} onChange={(e) => setDocument(e.target.value)} data-testid="in-person-document" />
                </>
              )}
              {attestedByMe ? (
                <Text size="2" data-testid="in-person-waiting">You attested this check; a second agent confirms it in their own session.</Text>
              ) : (
                <Flex>
                  <Button type="submit" variant="soft" loading={pending} data-testid="confirm-in-person">
                    {waitingSecond ? 'Confirm the check as the second agent' : 'Verified in person'}
                  </Button>
                </Flex>
              )}
            </Flex>
          </form>
        ) : null}
        {methods.includes('directory_otp') ? (
          <Flex direction="column" gap="2" className="ds-access-method" data-testid="method-otp">
            <MethodTitle doneAt={doneAt('directory_otp')}>Ask the person to confirm on their own device</MethodTitle>
            <Text size="1" color="gray">
              {waitingFor('directory_otp')
                ? 'A single-use link went to their e-mail address of record. When they answer, this request updates. A "No" refuses it and alerts Security.'
                : `The desk sends a single-use link to ${view.target.email ?? 'their e-mail address of record'}. You never see it; do not ask the caller to read anything out.`}
            </Text>
            <Flex>
              <Button type="button" variant="soft" loading={pending} onClick={() => onAsk('verifications/otp')} data-testid="send-confirmation-link">
                {waitingFor('directory_otp') ? 'Send a new link' : 'Send the confirmation link'}
              </Button>
            </Flex>
          </Flex>
        ) : null}
        {methods.includes('manager_approval') ? (
          <Flex direction="column" gap="2" className="ds-access-method" data-testid="method-manager">
            <MethodTitle doneAt={doneAt('manager_approval')}>Ask the manager of record to approve</MethodTitle>
            <Text size="1" color="gray">
              {waitingFor('manager_approval')
                ? 'The manager the directory names was asked. They approve or decline in their own signed-in session, under Approvals.'
                : 'The desk asks the manager the directory names, never one the caller suggests. They answer in their own signed-in session.'}
            </Text>
            <Flex>
              <Button type="button" variant="soft" loading={pending} onClick={() => onAsk('verifications/manager')} data-testid="ask-manager">
                {waitingFor('manager_approval') ? 'Ask the manager again' : 'Ask the manager'}
              </Button>
            </Flex>
          </Flex>
        ) : null}
      </Flex>
    </section>
  );
}
