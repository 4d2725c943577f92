import { Button, Callout, Flex, TextField } from '@radix-ui/themes';
import { SetupBody } from '@deskside/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { Field } from '../components/field';
import { FormError } from '../components/form-error';
import { api, queryKeys } from '../lib/api';
import { type FieldErrors, fieldErrorsFrom, validateBody } from '../lib/problem';
import { AuthFrame } from './auth-frame';

const routeApi = getRouteApi('/setup');

/** Creates the first administrator from the one-time link the server printed. */
export function SetupPage() {
  const { token } = routeApi.useSearch();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const setup = useMutation({
    mutationFn: (body: SetupBody) => api.setup(body),
    onSuccess: async (me) => {
      client.setQueryData(queryKeys.me, me);
      await navigate({ to: '/desk' });
    },
    onError: (error) => setErrors(fieldErrorsFrom(error)),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = validateBody(SetupBody, { token: token ?? '', name, email, password });
    const next: FieldErrors = checked.ok ? {} : checked.errors;
    if (password !== repeat) next.repeat = 'The two passwords differ';
    setErrors(next);
    if (checked.ok && !next.repeat) setup.mutate(checked.data);
  };

  if (!token) {
    return (
      <AuthFrame title="Set up this desk">
        <Callout.Root color="amber">
          <Callout.Text>
            This page needs the one-time setup link that the server printed when it started. Copy the whole link into
            the address bar.
          </Callout.Text>
        </Callout.Root>
      </AuthFrame>
    );
  }

  return (
    <AuthFrame title="Create the first administrator" intro="This account will configure the desk and invite the team.">
      <form onSubmit={submit} noValidate aria-label="Create administrator">
        <Flex direction="column" gap="3">
          <Field label="Your name" error={errors.name}>
            {(p) => <TextField.Root {...p} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label="E-mail" error={errors.email}>
            {(p) => (
              <TextField.Root {...p} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
            )}
          </Field>
          <Field label="Password" hint="At least 12 characters. A few unrelated words work well." error={errors.password}>
            {(p) => (
              <TextField.Root
                {...p}
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <Field label="Repeat password" error={errors.repeat}>
            {(p) => (
              <TextField.Root
                {...p}
                type="password"
                autoComplete="new-password"
                value={repeat}
                onChange={(e) => setRepeat(e.target.value)}
              />
            )}
          </Field>
          {errors.token ? <FormError error={new Error(`The setup link is not valid: ${errors.token}`)} /> : null}
          <FormError error={setup.error} />
          <Button type="submit" size="3" loading={setup.isPending}>
            Create administrator
          </Button>
        </Flex>
      </form>
    </AuthFrame>
  );
}
