import { Badge, Callout, Flex, Text } from '@radix-ui/themes';
import type { QuarantineList, QuarantinedMessage, ReprocessResult } from '@deskside/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormError } from '../components/form-error';
import { api } from '../lib/api';
import { describeAgo, formatWhen, useNow } from '../lib/time';
import { AdminPage } from './admin-tabs';
import { TryAgainOrDiscard } from './admin-table-cells';

const quarantineKey = ['admin', 'mail-quarantine'] as const;

/** Inbound mail the desk would not file: admins re-run it once the cause is fixed, or drop it. */
export function MailQuarantinePage() {
  const now = useNow();
  const held = useQuery({
    queryKey: quarantineKey,
    queryFn: () => api.request<QuarantineList>('GET', '/api/v1/admin/mail-quarantine'),
  });
  const items = held.data?.items ?? [];

  return (
    <AdminPage title="Mail quarantine">
      <Text as="p" size="2" color="gray">
        Mail the desk could not read, or would not file on its own (a deactivated sender, a reply from someone outside the
        ticket, a Message-ID reused with other content). Only the sender, subject and date are shown here. Re-process a
        message once its cause is fixed, or discard it.
      </Text>
      <FormError error={held.error} />
      {held.isSuccess && items.length === 0 ? (
        <Callout.Root color="green" data-testid="no-quarantined-mail">
          <Callout.Text>No mail is waiting in quarantine.</Callout.Text>
        </Callout.Root>
      ) : null}
      {items.length > 0 ? (
        <table className="ds-table" data-testid="mail-quarantine-table">
          <thead>
            <tr>
              <th scope="col">From and subject</th>
              <th scope="col">Reason</th>
              <th scope="col">Attempts</th>
              <th scope="col">Arrived</th>
              <th scope="col">What to do</th>
            </tr>
          </thead>
          <tbody>
            {items.map((message) => (
              <tr key={message.id} data-testid="quarantine-row" data-quarantine-id={message.id}>
                <th scope="row">
                  <Flex direction="column" gap="1">
                    <Text weight="medium">{message.subject ?? '(no subject)'}</Text>
                    <Text size="1" color="gray">
                      {message.from ?? '(no readable sender)'} · to {message.mailbox}
                    </Text>
                  </Flex>
                </th>
                <td>
                  <div className="ds-job-error">{message.reason}</div>
                </td>
                <td className="ds-nowrap">{message.attempts}</td>
                <td className="ds-nowrap">
                  <Text title={formatWhen(message.createdAt, now)}>{describeAgo(message.createdAt, now)}</Text>
                </td>
                <td>
                  <QuarantineActions message={message} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </AdminPage>
  );
}

function QuarantineActions({ message }: { message: QuarantinedMessage }) {
  const client = useQueryClient();
  const act = useMutation({
    mutationFn: (action: 'reprocess' | 'discard') =>
      api.request<ReprocessResult | undefined>('POST', `/api/v1/admin/mail-quarantine/${message.id}/${action}`),
    onSuccess: () => client.invalidateQueries({ queryKey: quarantineKey }),
  });
  const stillHeld = act.data?.outcome === 'quarantined';
  return (
    <TryAgainOrDiscard
      againLabel="Re-process"
      againTestId="reprocess-mail"
      discardTestId="discard-mail"
      busy={act.isPending ? (act.variables === 'reprocess' ? 'again' : 'discard') : null}
      onAgain={() => act.mutate('reprocess')}
      onDiscard={() => act.mutate('discard')}
    >
      {stillHeld ? <Badge color="amber">Still held: {act.data?.message?.reason ?? 'see the reason'}</Badge> : null}
      {act.isError ? <Badge color="red">{act.error.message}</Badge> : null}
    </TryAgainOrDiscard>
  );
}
