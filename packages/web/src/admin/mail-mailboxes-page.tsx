import { Badge, Button, Callout, Card, Flex, Heading, Text } from '@radix-ui/themes';
import type { InboundMailStatus, MailMailbox, MailMailboxList, MailMailboxTestResult } from '@deskside/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { FormError } from '../components/form-error';
import { api } from '../lib/api';
import { describeAgo, formatWhen, useNow } from '../lib/time';
import { AdminPage } from './admin-tabs';
import { ActionsHeader, EditCell } from './admin-table-cells';
import { MailMailboxForm } from './mail-mailbox-form';
import { useAdminEditor } from './use-admin-editor';

export const mailboxesKey = ['admin', 'mail-mailboxes'] as const;
const inboundKey = ['admin', 'mail-inbound'] as const;

/** Both ways mail comes in: the SMTP listener (read-only, set by the environment) and the IMAP mailboxes the workers poll. */
export function MailMailboxesPage() {
  const now = useNow(10_000);
  const mailboxes = useQuery({
    queryKey: mailboxesKey,
    queryFn: () => api.request<MailMailboxList>('GET', '/api/v1/admin/mail-mailboxes').then((r) => r.items),
    // The status read-out changes as the workers poll.
    refetchInterval: 10_000,
  });
  const { editing, open, saved, reload, finish } = useAdminEditor(
    (id: number) => api.request<MailMailbox>('GET', `/api/v1/admin/mail-mailboxes/${id}`),
    mailboxesKey,
  );

  return (
    <AdminPage title="Inbound mail">
      <Text as="p" size="2" color="gray">
        Mail reaches the desk in two ways: delivered to its SMTP listener, or fetched from an existing mailbox over IMAP. Either
        way each message is filed once: a new ticket, or a reply on the ticket it answers.
      </Text>
      <SmtpListenerCard />
      <Heading as="h2" size="4">
        IMAP mailboxes
      </Heading>
      <Text as="p" size="2" color="gray">
        A worker logs in to each enabled mailbox, files every new message and only then marks it at the server (read and flagged
        $Deskside, or moved). A message that cannot be filed three times goes to Mail quarantine.
      </Text>
      {saved ? (
        <Callout.Root color="green" role="status" size="1" data-testid="mailbox-saved">
          <Callout.Text>{saved}</Callout.Text>
        </Callout.Root>
      ) : null}
      {editing.mode === 'list' ? (
        <Flex>
          <Button onClick={() => open({ mode: 'new' })} data-testid="new-mailbox">
            Add a mailbox
          </Button>
        </Flex>
      ) : (
        <MailMailboxForm
          key={editing.mode === 'edit' ? `${editing.item.id}:${editing.item.version}` : 'new'}
          initial={editing.mode === 'edit' ? editing.item : null}
          onSaved={(m) => finish(`Mailbox ${m.username} at ${m.host} saved.`, m)}
          onDeleted={(m) => finish(`Mailbox ${m.username} at ${m.host} removed.`)}
          onCancel={() => open({ mode: 'list' })}
          onReload={() => editing.mode === 'edit' && reload.mutate(editing.item.id)}
          reloading={reload.isPending}
        />
      )}
      <FormError error={mailboxes.error ?? reload.error} />
      {mailboxes.data ? (
        mailboxes.data.length === 0 ? (
          <Text color="gray">No IMAP mailboxes yet.</Text>
        ) : (
          <MailboxTable mailboxes={mailboxes.data} now={now} onEdit={(m) => open({ mode: 'edit', item: m })} />
        )
      ) : mailboxes.isPending ? (
        <Text color="gray">Loading…</Text>
      ) : null}
    </AdminPage>
  );
}

function SmtpListenerCard() {
  const inbound = useQuery({ queryKey: inboundKey, queryFn: () => api.request<InboundMailStatus>('GET', '/api/v1/admin/mail-inbound') });
  const smtp = inbound.data?.smtp;
  return (
    <Card data-testid="smtp-listener">
      <Flex direction="column" gap="1">
        <Heading as="h2" size="3">
          SMTP listener
        </Heading>
        {smtp ? (
          <Text size="2">
            {smtp.listening ? (
              <>
                <Badge color="green">Listening</Badge> on <code>{smtp.listen}</code> for mail to <code>@{smtp.domain}</code>
              </>
            ) : (
              <>
                <Badge color="gray">Not enabled</Badge> Set DESKSIDE_SMTP_LISTEN=host:port to take mail for <code>@{smtp.domain}</code>{' '}
                from your mail server.
              </>
            )}
          </Text>
        ) : null}
        <Text size="1" color="gray">
          Set by the server's environment; it cannot be changed here.
        </Text>
        <FormError error={inbound.error} />
      </Flex>
    </Card>
  );
}

function MailboxTable({ mailboxes, now, onEdit }: { mailboxes: MailMailbox[]; now: number; onEdit: (m: MailMailbox) => void }) {
  return (
    <div className="ds-table-wrap">
      <table className="ds-table" data-testid="mailboxes-table">
        <caption className="ds-visually-hidden">IMAP mailboxes</caption>
        <thead>
          <tr>
            <th scope="col">Mailbox</th>
            <th scope="col">Status</th>
            <th scope="col">Connection</th>
            <ActionsHeader />
          </tr>
        </thead>
        <tbody>
          {mailboxes.map((m) => (
            <tr key={m.id} data-testid="mailbox-row" data-mailbox-host={m.host} data-mailbox-folder={m.folder}>
              <th scope="row">
                <Flex direction="column" gap="1">
                  <Text weight="medium">{m.address}</Text>
                  <Text size="1" color="gray">
                    {m.username} at {m.host}:{m.port} ({m.tlsMode === 'tls' ? 'TLS' : m.tlsMode === 'starttls' ? 'STARTTLS' : 'no TLS'}), folder {m.folder}
                    {m.afterFiling === 'move' ? `, filed mail moves to ${m.moveTo}` : ''}
                  </Text>
                </Flex>
              </th>
              <td data-testid="mailbox-status">
                <MailboxStatus mailbox={m} now={now} />
              </td>
              <td>
                <TestConnection mailbox={m} />
              </td>
              <EditCell name={`${m.username} at ${m.host}`} onEdit={() => onEdit(m)} testId="edit-mailbox" />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MailboxStatus({ mailbox: m, now }: { mailbox: MailMailbox; now: number }) {
  const s = m.status;
  return (
    <Flex direction="column" gap="1">
      <Flex gap="2" wrap="wrap">
        {m.enabled ? <Badge color="green">Enabled</Badge> : <Badge color="gray">Disabled</Badge>}
        {s.lastError ? <Badge color="red">Failing</Badge> : null}
      </Flex>
      <Text size="1" data-testid="mailbox-filed">
        {s.filedCount === 1 ? '1 message filed' : `${s.filedCount} messages filed`}
      </Text>
      <Text size="1" color="gray">
        {s.lastPollAt ? <span title={formatWhen(s.lastPollAt, now)}>Last polled {describeAgo(s.lastPollAt, now)}</span> : 'Not polled yet'}
        {s.lastUidValidity ? ` · UIDVALIDITY ${s.lastUidValidity}, last UID ${s.lastUid ?? '—'}` : ''}
        {s.polledBy ? ` · by ${s.polledBy}` : ''}
      </Text>
      {s.lastError ? (
        <div className="ds-job-error" data-testid="mailbox-error">
          {s.lastError}
        </div>
      ) : null}
    </Flex>
  );
}

function TestConnection({ mailbox }: { mailbox: MailMailbox }) {
  const test = useMutation({
    mutationFn: () => api.request<MailMailboxTestResult>('POST', `/api/v1/admin/mail-mailboxes/${mailbox.id}/test`),
  });
  const r = test.data;
  return (
    <Flex direction="column" gap="2" align="start">
      <Button size="1" variant="soft" onClick={() => test.mutate()} loading={test.isPending} data-testid="test-mailbox">
        Test connection
      </Button>
      {r ? (
        <Text size="1" role="status" data-testid="mailbox-test-result" color={r.ok ? 'green' : 'red'}>
          {r.ok
            ? `Connected: ${r.messages ?? 0} messages in ${mailbox.folder}; ${r.idle ? 'new mail is seen at once (IDLE)' : 'polled (no IDLE)'}${
                r.moveToExists === false ? `; ${mailbox.moveTo} will be created` : ''
              }.`
            : `Failed: ${r.error}`}
        </Text>
      ) : null}
      <FormError error={test.error} />
    </Flex>
  );
}
