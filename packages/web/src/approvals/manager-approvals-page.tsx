import type { ManagerApprovalList } from '@deskside/shared';
import { Badge, Button, Callout, Card, Flex, Heading, Text } from '@radix-ui/themes';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormError } from '../components/form-error';
import { api } from '../lib/api';
import { formatWhen } from '../lib/time';

const approvalsKey = ['me', 'access-approvals'] as const;
const fetchApprovals = () => api.request<ManagerApprovalList>('GET', '/api/v1/me/access-approvals').then((r) => r.items);

/**
 * Requests about the accounts of people who report to the signed-in person, waiting for their
 * approval as manager of record. Approving verifies the request in this session; declining stops it.
 */
export function ManagerApprovalsPage() {
  const client = useQueryClient();
  const approvals = useQuery({ queryKey: approvalsKey, queryFn: fetchApprovals });
  const [answered, setAnswered] = useState<string | null>(null);
  const answer = useMutation({
    mutationFn: ({ id, value }: { id: string; value: 'approve' | 'decline' }) =>
      api.request<ManagerApprovalList>('POST', `/api/v1/me/access-approvals/${id}`, { answer: value }).then((r) => ({ items: r.items, value })),
    onSuccess: ({ items, value }) => {
      client.setQueryData(approvalsKey, items);
      setAnswered(value === 'approve' ? 'Approved. The service desk can go on with the request.' : 'Declined. The request was stopped.');
    },
  });

  return (
    <Flex direction="column" gap="4" className="ds-page ds-narrow">
      <Heading as="h1" size="6">Approvals</Heading>
      <Text as="p" size="2" color="gray">
        The service desk asks you when someone who reports to you needs a change to their account. Approve only what you
        know about. Nobody from the desk will ever ask you for a password or a code.
      </Text>
      <div aria-live="polite">
        {answered ? (
          <Callout.Root color="green" size="1" data-testid="approval-answered"><Callout.Text>{answered}</Callout.Text></Callout.Root>
        ) : null}
      </div>
      <FormError error={approvals.error ?? answer.error} />
      {approvals.data?.length === 0 ? <Text size="2" data-testid="no-approvals">Nothing is waiting for you.</Text> : null}
      {approvals.isPending ? <Text color="gray">Loading…</Text> : null}
      {(approvals.data ?? []).map((item) => (
        <Card key={item.requestId} size="2" asChild>
          <section aria-labelledby={`approval-${item.requestId}`} data-testid="manager-approval">
            <Flex direction="column" gap="2">
              <Heading as="h2" size="3" id={`approval-${item.requestId}`}>
                {item.targetName}: {item.requestedBy} was asked to {item.actionInWords}
              </Heading>
              <Flex gap="2" align="center" wrap="wrap">
                <Badge color="gray">{item.ticketNumber}</Badge>
                <Text size="1" color="gray">Asked {formatWhen(item.askedAt)} · answer before {formatWhen(item.expiresAt)}</Text>
              </Flex>
              <Text size="2">
                If {item.targetName} did not ask for this or you are unsure, decline: the desk then stops and checks in another way.
              </Text>
              <Flex gap="2">
                <Button type="button" color="green" loading={answer.isPending} data-testid="approve-as-manager"
                  onClick={() => answer.mutate({ id: item.requestId, value: 'approve' })}>
                  Approve
                </Button>
                <Button type="button" variant="soft" color="red" loading={answer.isPending} data-testid="decline-as-manager"
                  onClick={() => answer.mutate({ id: item.requestId, value: 'decline' })}>
                  Decline
                </Button>
              </Flex>
            </Flex>
          </section>
        </Card>
      ))}
    </Flex>
  );
}
