import type { AccessRequestView } from '@deskside/shared';
import { Button, Callout, Flex, Heading, Text, TextField } from '@radix-ui/themes';
import { useState } from 'react';

interface VerificationProps {
  view: AccessRequestView;
  pending: boolean;
  onCallback: () => void;
  onInPerson: (document: string) => void;
}

/** The verification methods the policy accepts for this request, each with what the agent must do. */
export function VerificationPanel({ view, pending, onCallback, onInPerson }: VerificationProps) {
  const [document, setDocument] = useState('');
  const methods = view.requirements.acceptableMethods;
  const waitingSecond = view.verifications.some((v) => v.method === 'in_person_id' && v.verifiedAt === null);
  return (
    <section aria-labelledby={`verify-${view.id}`} data-testid="access-verify">
      <Flex direction="column" gap="3">
        <Heading as="h4" size="2" id={`verify-${view.id}`}>Verify who is asking</Heading>
        {methods.includes('callback_of_record') ? (
          <Flex direction="column" gap="2" className="ds-access-method" data-testid="method-callback">
            <Text size="2" weight="medium">Call back on the number of record</Text>
            {view.target.phoneOfRecord ? (
              <>
                <Text size="1" color="gray" as="label" htmlFor={`phone-${view.id}`}>Phone of record for {view.target.name}</Text>
                <TextField.Root id={`phone-${view.id}`} readOnly value={view.target.phoneOfRecord} className="ds-access-phone" data-testid="phone-of-record" />
                <Callout.Root color="blue" size="1">
                  <Callout.Text>Call this number, not one the caller gives you. Ask the person who answers to confirm the request.</Callout.Text>
                </Callout.Root>
                <Flex>
                  <Button type="button" loading={pending} onClick={onCallback} data-testid="confirm-callback">
                    I called back and the person confirmed
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
              <Text size="2" weight="medium">Check an ID in person</Text>
              <Text size="1" color="gray">
                {waitingSecond
                  ? 'One agent has attested the check. A second, different agent must now confirm it in their own session.'
                  : 'Two agents are needed: you attest now, then a second, different agent confirms in their own session.'}
              </Text>
              <Text as="label" size="1" htmlFor={`doc-${view.id}`}>What ID you looked at (never its number)</Text>
              <TextField.Root id={`doc-${view.id}`} value={document} onChange={(e) => setDocument(e.target.value)} data-testid="in-person-document" />
              <Flex>
                <Button type="submit" variant="soft" loading={pending} data-testid="confirm-in-person">Verified in person</Button>
              </Flex>
            </Flex>
          </form>
        ) : null}
        {methods.some((m) => m !== 'callback_of_record' && m !== 'in_person_id') ? (
          <Text size="1" color="gray">Other methods the policy accepts are not on the desk yet.</Text>
        ) : null}
      </Flex>
    </section>
  );
}
