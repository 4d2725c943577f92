import { Badge, Button, Callout, Card, Checkbox, Flex, Heading, Text, TextField } from '@radix-ui/themes';
import type { DirectoryConnection, DirectorySyncQueued, DirectoryTestResult, PutDirectoryConnectionInput } from '@deskside/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormError } from '../components/form-error';
import { NativeSelect } from '../components/native-select';
import { api, isApiError } from '../lib/api';
import { formatWhen } from '../lib/time';
import { AdminPage } from './admin-tabs';
import { EditConflict } from './edit-conflict';
import { ManualPeopleSection } from './manual-people-section';

const directoryKey = ['admin', 'directory'] as const;

/** Admin > Directory: where people of record come from, testing the connection, and syncing now. */
export function DirectoryPage() {
  // Kept here: a save moves the version, which remounts the form.
  const [saved, setSaved] = useState(false);
  const connection = useQuery({
    queryKey: directoryKey,
    queryFn: () => api.request<DirectoryConnection>('GET', '/api/v1/admin/directory'),
    // The sync status moves while a sync runs.
    refetchInterval: 3_000,
  });
  return (
    <AdminPage title="Directory">
      <Text as="p" size="2" color="gray">
        People of record — name, e-mail, phone of record, manager, groups, disabled and locked state — are synced from your
        directory on a schedule or on demand. Agents pick identity targets from this copy, never by typing a name.
      </Text>
      <FormError error={connection.error} />
      {connection.data ? (
        <>
          <SyncStatusCard connection={connection.data} />
          {saved ? (
            <Text size="2" color="green" role="status" data-testid="directory-saved">
              Connection saved.
            </Text>
          ) : null}
          <DirectoryForm key={connection.data.version} initial={connection.data} onReload={() => void connection.refetch()} onSaved={() => setSaved(true)} />
          <ManualPeopleSection connection={connection.data} />
        </>
      ) : connection.isPending ? (
        <Text color="gray">Loading…</Text>
      ) : null}
    </AdminPage>
  );
}

function SyncStatusCard({ connection }: { connection: DirectoryConnection }) {
  const queryClient = useQueryClient();
  const test = useMutation({ mutationFn: () => api.request<DirectoryTestResult>('POST', '/api/v1/admin/directory/test') });
  const sync = useMutation({
    mutationFn: () => api.request<DirectorySyncQueued>('POST', '/api/v1/admin/directory/sync'),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: directoryKey }),
  });
  const last = connection.lastSync;
  return (
    <Card data-testid="directory-status">
      <Flex direction="column" gap="2">
        <Heading as="h2" size="3">
          Last sync
        </Heading>
        <Text size="2" data-testid="directory-sync-state">
          <Badge color={last.state === 'succeeded' ? 'green' : last.state === 'failed' ? 'red' : 'gray'}>{last.state}</Badge>{' '}
          {last.finishedAt ? `finished ${formatWhen(last.finishedAt)}` : last.startedAt ? `started ${formatWhen(last.startedAt)}` : ''}
        </Text>
        <Text size="2" data-testid="directory-counts">
          {connection.peopleCount} people of record · last sync: {last.added} added, {last.updated} updated, {last.disabled} disabled,{' '}
          {last.gone} gone
        </Text>
        {last.error ? (
          <Text size="2" color="red" data-testid="directory-sync-error">
            {last.error}
          </Text>
        ) : null}
        {connection.configured ? (
          <Flex gap="3">
            <Button variant="soft" onClick={() => test.mutate()} loading={test.isPending} data-testid="test-directory">
              Test connection
            </Button>
            <Button onClick={() => sync.mutate()} loading={sync.isPending} data-testid="sync-directory">
              Sync now
            </Button>
          </Flex>
        ) : null}
        {test.data ? (
          <Callout.Root color={test.data.ok ? 'green' : 'red'} size="1" role="status" data-testid="directory-test-result">
            <Callout.Text>{test.data.ok ? 'Connected: the bind worked and both bases can be read.' : test.data.error}</Callout.Text>
          </Callout.Root>
        ) : null}
        {sync.data ? (
          <Text size="2" role="status" data-testid="directory-sync-queued">
            Sync queued; the status above updates when it has run.
          </Text>
        ) : null}
        <FormError error={test.error ?? sync.error} />
      </Flex>
    </Card>
  );
}

function DirectoryForm({ initial, onReload, onSaved }: { initial: DirectoryConnection; onReload: () => void; onSaved: () => void }) {
  const queryClient = useQueryClient();
  const ldap = initial.ldap;
  const [kind, setKind] = useState<'ldap' | 'manual'>(initial.kind);
  const [enabled, setEnabled] = useState(initial.enabled);
  const [interval, setInterval] = useState(String(initial.syncIntervalMinutes));
  const [url, setUrl] = useState(ldap?.url ?? 'ldaps://');
  const [startTls, setStartTls] = useState(ldap?.startTls ?? true);
  const [dialect, setDialect] = useState<'openldap' | 'active_directory'>(ldap?.dialect ?? 'openldap');
  const [bindDn, setBindDn] = useState(ldap?.bindDn ?? '');
  const [bindPassword, setBindPassword] = useState('');
  const [peopleBaseDn, setPeopleBaseDn] = useState(ldap?.peopleBaseDn ?? '');
  const [groupsBaseDn, setGroupsBaseDn] = useState(ldap?.groupsBaseDn ?? '');
  const [privileged, setPrivileged] = useState((ldap?.privilegedGroupIds ?? []).join('\n'));

  const save = useMutation({
    mutationFn: () => {
      const body: PutDirectoryConnectionInput = {
        kind,
        enabled,
        syncIntervalMinutes: Number(interval),
        ldap:
          kind === 'ldap'
            ? {
                url: url.trim(),
                startTls: url.trim().toLowerCase().startsWith('ldaps://') ? undefined : startTls,
                dialect,
                bindDn,
                ...(bindPassword ? { bindPassword } : {}),
                peopleBaseDn,
                groupsBaseDn,
                privilegedGroupIds: privileged.split(/[\s,]+/).filter(Boolean),
              }
            : null,
      };
      return api.request<DirectoryConnection>('PUT', '/api/v1/admin/directory', body, { 'if-match': `"${initial.version}"` });
    },
    onSuccess: (next) => {
      queryClient.setQueryData(directoryKey, next);
      onSaved();
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const field = (label: string, value: string, set: (v: string) => void, testId: string, type: 'text' | 'password' = 'text', hint?: string) => (
    <label className="ds-field">
      <Text size="2" weight="medium">
        {label}
      </Text>
      <TextField.Root type={type} value={value} onChange={(e) => set(e.target.value)} data-testid={testId} autoComplete="off" />
      {hint ? (
        <Text size="1" color="gray">
          {hint}
        </Text>
      ) : null}
    </label>
  );

  return (
    <Card asChild>
      <form onSubmit={onSubmit} data-testid="directory-form" noValidate>
        <Flex direction="column" gap="3">
          <Heading as="h2" size="3">
            Connection
          </Heading>
          <label className="ds-field">
            <Text size="2" weight="medium">
              Kind
            </Text>
            <NativeSelect
              value={kind}
              onValueChange={(v) => setKind(v as 'ldap' | 'manual')}
              options={[
                { value: 'ldap', label: 'LDAP / Active Directory' },
                { value: 'manual', label: 'Manual (agents work in the native console)' },
              ]}
              data-testid="directory-kind"
            />
          </label>
          {kind === 'ldap' ? (
            <>
              {field('Server URL', url, setUrl, 'directory-url', 'text', 'ldaps://host:636, or ldap://host with StartTLS')}
              <Text as="label" size="2">
                <Flex gap="2" align="center">
                  <Checkbox checked={startTls} onCheckedChange={(c) => setStartTls(c === true)} data-testid="directory-starttls" />
                  Use StartTLS on ldap:// (plain LDAP is allowed only to this machine)
                </Flex>
              </Text>
              <label className="ds-field">
                <Text size="2" weight="medium">
                  Directory
                </Text>
                <NativeSelect
                  value={dialect}
                  onValueChange={(v) => setDialect(v as 'openldap' | 'active_directory')}
                  options={[
                    { value: 'openldap', label: 'OpenLDAP' },
                    { value: 'active_directory', label: 'Active Directory' },
                  ]}
                  data-testid="directory-dialect"
                />
              </label>
              {field('Service account DN', bindDn, setBindDn, 'directory-bind-dn')}
              {field(
                'Service account password',
                bindPassword,
                setBindPassword,
                'directory-bind-password',
                'password',
                ldap?.passwordSet ? 'A password is stored; leave empty to keep it (a new URL or DN needs it again).' : 'Required.',
              )}
              {field('People base DN', peopleBaseDn, setPeopleBaseDn, 'directory-people-base')}
              {field('Groups base DN', groupsBaseDn, setGroupsBaseDn, 'directory-groups-base')}
              {field('Privileged group ids', privileged, setPrivileged, 'directory-privileged', 'text', 'Immutable ids (entryUUID / objectGUID), separated by spaces')}
            </>
          ) : null}
          {field('Sync every (minutes)', interval, setInterval, 'directory-interval')}
          <Text as="label" size="2">
            <Flex gap="2" align="center">
              <Checkbox checked={enabled} onCheckedChange={(c) => setEnabled(c === true)} data-testid="directory-enabled" />
              Sync on the schedule
            </Flex>
          </Text>
          {isApiError(save.error, 412) ? <EditConflict what="directory connection" onReload={onReload} reloading={false} /> : <FormError error={save.error} />}
          <Flex>
            <Button type="submit" loading={save.isPending} data-testid="save-directory">
              Save connection
            </Button>
          </Flex>
        </Flex>
      </form>
    </Card>
  );
}
