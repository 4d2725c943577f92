import { Button, Callout, Flex, Text } from '@radix-ui/themes';
import type { AccessVerificationBody, AccessVerificationPrompt, AccessVerificationResult } from '@deskside/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormError } from '../components/form-error';
import { api } from '../lib/api';
import { formatWhen } from '../lib/time';
import { AuthFrame } from './auth-frame';
import { takeTokenFromAddress } from './link-token';

/**
 * The person's own answer, on their own device, to "did you ask the desk for this?" (method
 * (a) of the verification gate). Nothing is typed and nothing is relayed through the agent.
 */
export function AccessVerificationPage() {
  const [token] = useState(takeTokenFromAddress);
  const prompt = useQuery({
    queryKey: ['access-verification', token],
    queryFn: () => api.request<AccessVerificationPrompt>('POST', '/api/v1/access-verification/lookup', { token }),
    enabled: token !== '',
    retry: false,
  });
  const answer = useMutation({
    mutationFn: (body: AccessVerificationBody) => api.request<AccessVerificationResult>('POST', '/api/v1/access-verification', body),
  });

  if (!token) {
    return (
      <AuthFrame title="Confirm a request">
        <Callout.Root color="amber">
          <Callout.Text>This page needs the link from the e-mail the service desk sent you. Open the link from that e-mail.</Callout.Text>
        </Callout.Root>
      </AuthFrame>
    );
  }
  if (answer.isSuccess) {
    return (
      <AuthFrame title={answer.data.outcome === 'verified' ? 'Thank you' : 'Request stopped'}>
        <Callout.Root color={answer.data.outcome === 'verified' ? 'green' : 'amber'} role="status" data-testid="verification-outcome">
          <Callout.Text>{answer.data.message}</Callout.Text>
        </Callout.Root>
      </AuthFrame>
    );
  }
  if (prompt.isError) {
    return (
      <AuthFrame title="Confirm a request">
        <FormError error={prompt.error} />
      </AuthFrame>
    );
  }
  if (!prompt.data) {
    return (
      <AuthFrame title="Confirm a request">
        <Text color="gray">Loading…</Text>
      </AuthFrame>
    );
  }
  const asked = prompt.data;
  return (
    <AuthFrame title="Did you ask for this?" intro="Only you can answer this, on your own device. The service desk never asks you to read anything from this page to them.">
      <Flex direction="column" gap="3">
        <Text as="p" data-testid="verification-prompt">
          The IT service desk wants to <strong>{asked.actionInWords}</strong>. {asked.requestedBy} asked for it {formatWhen(asked.requestedAt)}.
        </Text>
        <Text as="p" size="2" color="gray">
          If you did not contact the service desk about this, answer no: the request stops and the IT security team is told at once.
        </Text>
        <FormError error={answer.error} />
        <Flex gap="3" wrap="wrap">
          <Button size="3" loading={answer.isPending} onClick={() => answer.mutate({ token, answer: 'yes' })} data-testid="verification-yes">
            Yes, I asked for this
          </Button>
          <Button size="3" color="red" variant="soft" disabled={answer.isPending} onClick={() => answer.mutate({ token, answer: 'no' })} data-testid="verification-no">
            No, I did not
          </Button>
        </Flex>
      </Flex>
    </AuthFrame>
  );
}
