import { Button, Callout, Flex, TextField } from '@radix-ui/themes';
import type { Me } from '@deskside/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate, useRouter } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { Field } from '../components/field';
import { FormError } from '../components/form-error';
import { api, homePathFor, queryKeys } from '../lib/api';
import { AuthFrame } from './auth-frame';

const routeApi = getRouteApi('/login');

/** Only same-site paths are followed after sign-in, never another origin. */
function safeRedirect(target: string | undefined): string | undefined {
  return target && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/login') ? target : undefined;
}

export function LoginPage() {
  const { redirect } = routeApi.useSearch();
  const client = useQueryClient();
  const navigate = useNavigate();
  const router = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [codeNeeded, setCodeNeeded] = useState(false);
  const setup = useQuery({ queryKey: ['setup-status'], queryFn: () => api.setupStatus(), retry: false });

  const enter = async (me: Me) => {
    client.clear();
    client.setQueryData(queryKeys.me, me);
    const back = safeRedirect(redirect);
    if (back) router.history.push(back);
    else await navigate({ to: homePathFor(me) });
  };

  const login = useMutation({
    mutationFn: () => api.login({ email, password }),
    onSuccess: async (result) => {
      if ('mfaRequired' in result) {
        setPassword('');
        setCodeNeeded(true);
      } else await enter(result);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };

  if (codeNeeded) {
    return (
      <SecondStep
        onSignedIn={enter}
        onStartAgain={() => {
          login.reset();
          setCodeNeeded(false);
        }}
      />
    );
  }

  return (
    <AuthFrame title="Sign in" intro="Use your work e-mail address and your Deskside password.">
      {setup.data?.needsSetup ? (
        <Callout.Root color="amber" size="1">
          <Callout.Text>
            This desk has no administrator yet. Open the one-time setup link that the server printed when it started.
          </Callout.Text>
        </Callout.Root>
      ) : null}
      <form onSubmit={submit} noValidate aria-label="Sign in">
        <Flex direction="column" gap="3">
          <Field label="E-mail">
            {(p) => (
              <TextField.Root
                {...p}
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                autoFocus
              />
            )}
          </Field>
          <Field label="Password">
            {(p) => (
              <TextField.Root
                {...p}
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <FormError error={login.error} />
          <Button type="submit" size="3" loading={login.isPending}>
            Sign in
          </Button>
        </Flex>
      </form>
    </AuthFrame>
  );
}

/** The second step of sign-in for people with two-factor sign-in on. */
function SecondStep({ onSignedIn, onStartAgain }: { onSignedIn: (me: Me) => Promise<void>; onStartAgain: () => void }) {
  const [code, setCode] = useState('');
  const verify = useMutation({ mutationFn: () => api.loginWithCode(code), onSuccess: onSignedIn });
  const timedOut = verify.error instanceof Error && /timed out/.test(verify.error.message);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    verify.mutate();
  };
  return (
    <AuthFrame title="Two-factor sign-in" intro="Enter the 6-digit code from your authenticator app.">
      <form onSubmit={submit} noValidate aria-label="Two-factor sign-in">
        <Flex direction="column" gap="3">
          <Field label="Authentication code" hint="Lost your phone? Enter one of your recovery codes instead.">
            {(p) => (
              <TextField.Root
                {...p}
                inputMode="numeric"
                autoComplete="one-time-code"
                required
                value={code}
                onChange={(e) => setCode(e.target.value)}
                autoFocus
                data-testid="mfa-code"
              />
            )}
          </Field>
          <FormError error={verify.error} />
          <Button type="submit" size="3" loading={verify.isPending}>
            Verify and sign in
          </Button>
          <Button type="button" variant={timedOut ? 'solid' : 'ghost'} color="gray" onClick={onStartAgain}>
            Start again with your password
          </Button>
        </Flex>
      </form>
    </AuthFrame>
  );
}
