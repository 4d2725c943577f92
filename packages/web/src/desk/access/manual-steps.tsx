import type { AccessRequestView, ManualCompletionInput } from '@deskside/shared';
import { Button, Callout, Flex, Heading, Text, TextArea } from '@radix-ui/themes';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { accessRequestKey, accessStep } from './access-api';
import { AccessError } from './mfa-callout';

/**
 * A change the desk cannot make itself (a manual directory, a ledger-only licence pool, an MFA
 * reset without an MFA attribute; decision 0043): the console steps in order, and the agent's
 * record of how it went. Nothing is sent to the person until the agent records it done.
 */
export function ManualSteps({ view }: { view: AccessRequestView }) {
  if (!view.manualSteps || view.state !== 'unknown_outcome') return null;
  return <ManualStepsForm view={view} steps={view.manualSteps} />;
}

function ManualStepsForm({ view, steps }: { view: AccessRequestView; steps: string[] }) {
  const client = useQueryClient();
  const [failing, setFailing] = useState(false);
  const [note, setNote] = useState('');
  const record = useMutation({
    mutationFn: (body: ManualCompletionInput) => accessStep(view.id, 'manual-completion', body),
    onSuccess: (next) => client.setQueryData(accessRequestKey(view.id), next),
  });
  const headingId = `manual-${view.id}`;
  return (
    <section aria-labelledby={headingId} className="ds-access-method" data-testid="manual-steps">
      <Flex direction="column" gap="2">
        <Heading as="h4" size="2" id={headingId}>Do this in the native console</Heading>
        <Callout.Root color="blue" size="1">
          <Callout.Text>
            The desk cannot make this change itself. Follow these steps, then record how it went: the person and their manager are
            told only once you record it done.
          </Callout.Text>
        </Callout.Root>
        <ol className="ds-access-list" data-testid="manual-step-list">
          {steps.map((step, i) => (
            <li key={i}><Text size="2">{step}</Text></li>
          ))}
        </ol>
        <div aria-live="polite">
          <AccessError error={record.error} />
        </div>
        {failing ? (
          <form aria-label="Record that it could not be done"
            onSubmit={(e) => { e.preventDefault(); record.mutate({ done: false, note }); }}
            onKeyDown={(e) => { if (e.key === 'Escape') setFailing(false); }}>
            <Flex direction="column" gap="2">
              <Text as="label" size="2" weight="medium" htmlFor={`not-done-${view.id}`}>Why it could not be done (never a password or a code)</Text>
              <TextArea id={`not-done-${view.id}`} autoFocus value={note} onChange={(e) => setNote(e.target.value)} rows={2} data-testid="manual-not-done-note" />
              <Flex gap="2">
                <Button type="submit" color="red" loading={record.isPending} disabled={note.trim().length < 3} data-testid="confirm-manual-not-done">
                  Record that it could not be done
                </Button>
                <Button type="button" variant="soft" color="gray" onClick={() => setFailing(false)}>Cancel</Button>
              </Flex>
            </Flex>
          </form>
        ) : (
          <Flex gap="2" wrap="wrap">
            <Button type="button" color="green" loading={record.isPending} onClick={() => record.mutate({ done: true })} data-testid="manual-done">
              I did this in the console
            </Button>
            <Button type="button" variant="soft" color="red" onClick={() => setFailing(true)} data-testid="manual-not-done">
              It could not be done
            </Button>
          </Flex>
        )}
      </Flex>
    </section>
  );
}
