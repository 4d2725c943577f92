import { Button, Card, Checkbox, Flex, Grid, Heading, Text, TextField } from '@radix-ui/themes';
import { CreateMailMailboxBody, type MailMailbox, type MailboxAfterFiling, type MailboxTlsMode, UpdateMailMailboxBody } from '@deskside/shared';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field } from '../components/field';
import { FormError } from '../components/form-error';
import { NativeSelect } from '../components/native-select';
import { api, isApiError } from '../lib/api';
import { type FieldErrors, fieldErrorsFrom, validateBody } from '../lib/problem';
import { AdminFormFooter } from './admin-form-footer';
import { changedFields } from './edit-conflict';

const TLS_OPTIONS: { value: MailboxTlsMode; label: string }[] = [
  { value: 'tls', label: 'TLS from the start (usually port 993)' },
  { value: 'starttls', label: 'STARTTLS (usually port 143)' },
  { value: 'none', label: 'None: plain text' },
];
const AFTER_OPTIONS: { value: MailboxAfterFiling; label: string }[] = [
  { value: 'flag', label: 'Mark it read and flag it $Deskside, leave it in the folder' },
  { value: 'move', label: 'Mark it read and move it to another folder' },
];
const DEFAULT_PORT: Record<MailboxTlsMode, string> = { tls: '993', starttls: '143', none: '143' };

interface Draft {
  address: string;
  host: string;
  port: string;
  tlsMode: MailboxTlsMode;
  allowInsecure: boolean;
  username: string;
  folder: string;
  afterFiling: MailboxAfterFiling;
  moveTo: string;
  enabled: boolean;
}

function draftOf(m: MailMailbox | null): Draft {
  if (!m) {
    return { address: '', host: '', port: '993', tlsMode: 'tls', allowInsecure: false, username: '', folder: 'INBOX', afterFiling: 'flag', moveTo: '', enabled: true };
  }
  return {
    address: m.address, host: m.host, port: String(m.port), tlsMode: m.tlsMode, allowInsecure: m.allowInsecure, username: m.username,
    folder: m.folder, afterFiling: m.afterFiling, moveTo: m.moveTo ?? '', enabled: m.enabled,
  };
}

// What the API takes: the port as a number, an empty move folder as none.
function bodyOf(d: Partial<Draft>) {
  const { port, moveTo, ...rest } = d;
  return {
    ...rest,
    ...(port !== undefined ? { port: /^\d+$/.test(port.trim()) ? Number(port) : port } : {}),
    ...(moveTo !== undefined ? { moveTo: moveTo.trim() === '' ? null : moveTo } : {}),
  };
}

interface MailMailboxFormProps {
  /** The mailbox being edited; null adds a new one. */
  initial: MailMailbox | null;
  onSaved: (mailbox: MailMailbox) => void;
  onDeleted: (mailbox: MailMailbox) => void;
  onCancel: () => void;
  onReload: () => void;
  reloading: boolean;
}

/** Adds or changes an IMAP mailbox. The password is write-only: left empty, the stored one stays. */
export function MailMailboxForm({ initial, onSaved, onDeleted, onCancel, onReload, reloading }: MailMailboxFormProps) {
  const before = draftOf(initial);
  const [draft, setDraft] = useState<Draft>(before);
  const [password, setPassword] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [unchanged, setUnchanged] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const save = useMutation({
    mutationFn: (body: object) =>
      initial
        ? api.request<MailMailbox>('PATCH', `/api/v1/admin/mail-mailboxes/${initial.id}`, body, { 'if-match': `"${initial.version}"` })
        : api.request<MailMailbox>('POST', '/api/v1/admin/mail-mailboxes', body),
    onSuccess: onSaved,
  });
  const remove = useMutation({
    mutationFn: (m: MailMailbox) => api.request<void>('DELETE', `/api/v1/admin/mail-mailboxes/${m.id}`).then(() => m),
    onSuccess: onDeleted,
  });
  const conflict = isApiError(save.error, 412);
  const edit = (next: Partial<Draft>) => {
    setUnchanged(false);
    if (save.isError && !conflict) save.reset();
    setDraft({ ...draft, ...next });
  };

  const changes = changedFields<Draft>(before, draft);
  const withPassword = password ? { password } : {};
  const checked = initial
    ? validateBody(UpdateMailMailboxBody, { ...bodyOf(changes), ...withPassword })
    : validateBody(CreateMailMailboxBody, { ...bodyOf(draft), ...withPassword });
  const clientErrors: FieldErrors = attempted && !checked.ok ? checked.errors : {};
  const errors: FieldErrors = { ...clientErrors, ...fieldErrorsFrom(save.error) };
  // Rules across fields come back as 422 "field: message".
  if (isApiError(save.error, 422)) {
    const [field, ...rest] = (save.error.problem.detail ?? '').split(': ');
    if (field && rest.length) errors[field] = rest.join(': ');
  }
  if (isApiError(save.error, 409)) errors.folder = save.error.problem.detail ?? 'This folder is polled already.';

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
  const setTls = (tlsMode: MailboxTlsMode) =>
    edit({ tlsMode, port: draft.port === '' || draft.port === DEFAULT_PORT[draft.tlsMode] ? DEFAULT_PORT[tlsMode] : draft.port });

  return (
    <Card size="3" asChild>
      <form onSubmit={submit} noValidate aria-labelledby="mailbox-form-heading" data-testid="mailbox-form">
        <Flex direction="column" gap="4">
          <Heading as="h2" size="4" id="mailbox-form-heading">
            {initial ? `Edit mailbox: ${initial.username} at ${initial.host}` : 'New IMAP mailbox'}
          </Heading>
          <Field label="Desk address" hint="The address people write to, e.g. support@example.com. Replies to it thread onto their tickets." error={errors.address}>
            {(p) => <TextField.Root {...p} type="email" value={draft.address} onChange={(e) => edit({ address: e.target.value })} data-testid="mailbox-address" />}
          </Field>
          <Grid columns={{ initial: '1', sm: '3' }} gap="4">
            <Field label="IMAP server" error={errors.host}>
              {(p) => <TextField.Root {...p} value={draft.host} onChange={(e) => edit({ host: e.target.value })} placeholder="imap.example.com" data-testid="mailbox-host" />}
            </Field>
            <Field label="Encryption" error={errors.tlsMode}>
              {(p) => <NativeSelect {...p} value={draft.tlsMode} onValueChange={(v) => setTls(v as MailboxTlsMode)} options={TLS_OPTIONS} data-testid="mailbox-tls" />}
            </Field>
            <Field label="Port" error={errors.port}>
              {(p) => <TextField.Root {...p} inputMode="numeric" value={draft.port} onChange={(e) => edit({ port: e.target.value })} data-testid="mailbox-port" />}
            </Field>
          </Grid>
          {draft.tlsMode === 'none' ? (
            <Text as="label" size="2" className="ds-checkbox-label">
              <Flex gap="2" align="center">
                <Checkbox checked={draft.allowInsecure} onCheckedChange={(c) => edit({ allowInsecure: c === true })} data-testid="mailbox-allow-insecure" />
                Allow a plain connection to another machine: the password crosses the network unencrypted (this machine is always allowed)
              </Flex>
            </Text>
          ) : null}
          <Grid columns={{ initial: '1', sm: '2' }} gap="4">
            <Field label="Username" error={errors.username}>
              {(p) => <TextField.Root {...p} autoComplete="off" value={draft.username} onChange={(e) => edit({ username: e.target.value })} data-testid="mailbox-username" />}
            </Field>
            <Field
              label="Password"
              hint={initial ? 'Leave empty to keep the stored password. It is never shown again.' : 'Stored for logging in; it is never shown again.'}
              error={errors.password}
            >
              {(p) => (
                <TextField.Root
                  {...p}
                  type="password"
                  autoComplete="new-password"
                  value={password}
                  placeholder={initial?.passwordSet ? '(set; leave empty to keep)' : ''}
                  onChange={(e) => { setUnchanged(false); setPassword(e.target.value); }}
                  data-testid="mailbox-password"
                />
              )}
            </Field>
            <Field label="Folder" hint="Where new mail arrives, usually INBOX. Mail older than a day before the mailbox is added is left alone." error={errors.folder}>
              {(p) => <TextField.Root {...p} value={draft.folder} onChange={(e) => edit({ folder: e.target.value })} data-testid="mailbox-folder" />}
            </Field>
            <Field label="Once filed" hint="Only after its ticket or reply is saved." error={errors.afterFiling}>
              {(p) => <NativeSelect {...p} value={draft.afterFiling} onValueChange={(v) => edit({ afterFiling: v as MailboxAfterFiling })} options={AFTER_OPTIONS} data-testid="mailbox-after" />}
            </Field>
            {draft.afterFiling === 'move' ? (
              <Field label="Move to folder" hint="Created when missing." error={errors.moveTo}>
                {(p) => <TextField.Root {...p} value={draft.moveTo} onChange={(e) => edit({ moveTo: e.target.value })} placeholder="Filed" data-testid="mailbox-move-to" />}
              </Field>
            ) : null}
          </Grid>
          <Text as="label" size="2" className="ds-checkbox-label">
            <Flex gap="2" align="center">
              <Checkbox checked={draft.enabled} onCheckedChange={(c) => edit({ enabled: c === true })} data-testid="mailbox-enabled" />
              Enabled: the workers poll this mailbox
            </Flex>
          </Text>
          <AdminFormFooter
            what="mailbox"
            isNew={!initial}
            conflict={conflict}
            onReload={onReload}
            reloading={reloading}
            error={save.error}
            hasClientErrors={Object.keys(clientErrors).length > 0}
            unchanged={unchanged}
            saving={save.isPending}
            onCancel={onCancel}
            testId="mailbox"
          />
          {initial ? (
            <Flex gap="2" align="center">
              {confirmDelete ? (
                <>
                  <Text size="2">Stop polling it and forget its settings? Tickets filed from it stay.</Text>
                  <Button type="button" size="1" color="red" loading={remove.isPending} onClick={() => remove.mutate(initial)} data-testid="confirm-delete-mailbox">
                    Remove
                  </Button>
                  <Button type="button" size="1" variant="soft" color="gray" onClick={() => setConfirmDelete(false)}>
                    Keep it
                  </Button>
                </>
              ) : (
                <Button type="button" size="1" variant="soft" color="red" onClick={() => setConfirmDelete(true)} data-testid="delete-mailbox">
                  Remove this mailbox
                </Button>
              )}
              <FormError error={remove.error} />
            </Flex>
          ) : null}
        </Flex>
      </form>
    </Card>
  );
}
