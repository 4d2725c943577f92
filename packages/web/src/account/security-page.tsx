import { Button, Callout, Card, Flex, Heading, Text, TextField } from '@radix-ui/themes';
import type { MfaStatus, TotpEnrolment } from '@deskside/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Field } from '../components/field';
import { FormError } from '../components/form-error';
import { api, queryKeys } from '../lib/api';
import { describeAgo, useNow } from '../lib/time';
import './security-page.css';

const statusKey = ['account', 'mfa'] as const;

/** The signed-in person's own account security: two-factor sign-in with an authenticator app. */
export function SecurityPage() {
  const status = useQuery({ queryKey: statusKey, queryFn: () => api.mfaStatus() });
  const [codes, setCodes] = useState<string[] | null>(null);
  const client = useQueryClient();
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: statusKey });
    await client.invalidateQueries({ queryKey: queryKeys.me });
  };
  const showCodes = async (recoveryCodes: string[]) => {
    setCodes(recoveryCodes);
    await refresh();
  };

  return (
    <Flex direction="column" gap="4" className="ds-page ds-narrow">
      <Heading as="h1" size="6">
        Account security
      </Heading>
      <Text as="p" size="2" color="gray">
        Two-factor sign-in asks for a code from an authenticator app on your phone after your password. Staff need it
        on to reset passwords, unlock accounts or change access for anyone.
      </Text>
      <FormError error={status.error} />
      {codes ? (
        <RecoveryCodesShown codes={codes} onDone={() => setCodes(null)} />
      ) : status.data ? (
        status.data.enabled ? (
          <TotpOn status={status.data} onCodes={showCodes} onChanged={refresh} />
        ) : (
          <TotpSetup onCodes={showCodes} />
        )
      ) : status.isPending ? (
        <Text color="gray">Loading…</Text>
      ) : null}
    </Flex>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `security-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <Card size="2" asChild>
      <section aria-labelledby={id}>
        <Flex direction="column" gap="3">
          <Heading as="h2" size="4" id={id}>
            {title}
          </Heading>
          {children}
        </Flex>
      </section>
    </Card>
  );
}

/** A one-field form for a code from the app (or a recovery code), with its own error. */
function CodeForm(props: { label: string; action: string; danger?: boolean; recovery?: boolean; testId: string; run: (code: string) => Promise<unknown> }) {
  const [code, setCode] = useState('');
  const mutation = useMutation({ mutationFn: () => props.run(code.trim()), onSuccess: () => setCode('') });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={props.action} data-testid={props.testId}>
      <Flex direction="column" gap="2">
        <Field label={props.label} hint={props.recovery ? 'Six digits from your authenticator app, or a recovery code.' : undefined}>
          {(p) => (
            <TextField.Root {...p} inputMode={props.recovery ? 'text' : 'numeric'} autoComplete="one-time-code" required value={code} onChange={(e) => setCode(e.target.value)} />
          )}
        </Field>
        <FormError error={mutation.error} />
        <Flex>
          <Button type="submit" color={props.danger ? 'red' : undefined} loading={mutation.isPending}>
            {props.action}
          </Button>
        </Flex>
      </Flex>
    </form>
  );
}

function TotpSetup({ onCodes }: { onCodes: (codes: string[]) => Promise<void> }) {
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const start = useMutation({ mutationFn: () => api.startTotpEnrolment(), onSuccess: setEnrolment });
  if (!enrolment) {
    return (
      <Section title="Two-factor sign-in is off">
        <Text as="p" size="2">
          You need an authenticator app on your phone, such as FreeOTP, Aegis, Google Authenticator or Microsoft
          Authenticator.
        </Text>
        <FormError error={start.error} />
        <Flex>
          <Button onClick={() => start.mutate()} loading={start.isPending} data-testid="mfa-start">
            Set up an authenticator app
          </Button>
        </Flex>
      </Section>
    );
  }
  return (
    <Section title="Set up your authenticator app">
      <Text as="p" size="2">
        In your app, add an account and choose to enter a setup key. Type this key (time-based, six digits):
      </Text>
      <Text as="p" className="ds-secret" data-testid="mfa-secret" aria-label="Setup key">
        {enrolment.secret.match(/.{1,4}/g)!.join(' ')}
      </Text>
      <Text as="p" size="2" color="gray">
        If your app takes a link instead, copy this one:
      </Text>
      <Text as="p" className="ds-otpauth" data-testid="mfa-uri">
        {enrolment.otpauthUri}
      </Text>
      <Callout.Root color="amber" size="1">
        <Callout.Text>This key is shown only now. If you leave before finishing, start again.</Callout.Text>
      </Callout.Root>
      <CodeForm
        label="Code from the app"
        action="Turn on two-factor sign-in"
        testId="mfa-confirm"
        run={async (code) => onCodes((await api.confirmTotpEnrolment(code)).recoveryCodes)}
      />
    </Section>
  );
}

function RecoveryCodesShown({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <Section title="Your recovery codes">
      <Text as="p" size="2">
        If you lose your phone, each of these codes signs you in once instead of a code from the app. Print them or keep
        them in a password manager now: they are not shown again.
      </Text>
      <ul className="ds-recovery-codes" data-testid="recovery-codes" aria-label="Recovery codes">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <Flex>
        <Button onClick={onDone} data-testid="recovery-codes-saved">
          I have saved these codes
        </Button>
      </Flex>
    </Section>
  );
}

function TotpOn({ status, onCodes, onChanged }: { status: MfaStatus; onCodes: (codes: string[]) => Promise<void>; onChanged: () => Promise<void> }) {
  const now = useNow(60_000);
  return (
    <>
      <Section title="Two-factor sign-in is on">
        <Text as="p" size="2" data-testid="mfa-on">
          Turned on {describeAgo(status.activatedAt!, now)}. {status.recoveryCodesLeft} of 10 recovery codes left.
        </Text>
        {status.sessionPassedAt ? (
          <Text as="p" size="2" color="gray">
            This session confirmed a code {describeAgo(status.sessionPassedAt, now)}.
          </Text>
        ) : (
          <>
            <Text as="p" size="2">
              This session has not confirmed a code yet: confirm it before identity actions.
            </Text>
            <CodeForm label="Code from the app" action="Confirm it is me" recovery testId="mfa-verify" run={async (code) => { await api.verifyMfa(code); await onChanged(); }} />
          </>
        )}
      </Section>
      <Section title="New recovery codes">
        <Text as="p" size="2">
          New codes replace all the old ones, used or not.
        </Text>
        <CodeForm
          label="Code from the app"
          action="Make new recovery codes"
          recovery
          testId="mfa-renew"
          run={async (code) => onCodes((await api.renewRecoveryCodes(code)).recoveryCodes)}
        />
      </Section>
      <Section title="Turn off two-factor sign-in">
        <Text as="p" size="2">
          You will sign in with your password only, and cannot perform identity actions until you turn it on again.
        </Text>
        <CodeForm
          label="Code from the app"
          action="Turn off two-factor sign-in"
          danger
          recovery
          testId="mfa-disable"
          run={async (code) => { await api.turnOffTotp(code); await onChanged(); }}
        />
      </Section>
    </>
  );
}
