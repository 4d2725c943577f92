import { Button, Callout, Flex, TextField } from '@radix-ui/themes';
import { PasswordResetBody, type PasswordResetResult, RESET_PASSWORD_MIN_LENGTH } from '@deskside/shared';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field } from '../components/field';
import { FormError } from '../components/form-error';
import { api } from '../lib/api';
import { type FieldErrors, fieldErrorsFrom, validateBody } from '../lib/problem';
import { AuthFrame } from './auth-frame';
import { takeTokenFromAddress } from './link-token';

/** Where the user, signed out and on their own device, sets a new password with the single-use link mailed to them. */
export function PasswordResetPage() {
  const [token] = useState(takeTokenFromAddress);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const reset = useMutation({
    mutationFn: (body: PasswordResetBody) => api.request<PasswordResetResult>('POST', '/api/v1/password-reset', body),
    onError: (error) => setErrors(fieldErrorsFrom(error)),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = validateBody(PasswordResetBody, { token, newPassword: password });
    const next: FieldErrors = checked.ok ? {} : checked.errors;
    if (password.length < RESET_PASSWORD_MIN_LENGTH) next.newPassword = `At least ${RESET_PASSWORD_MIN_LENGTH} characters`;
    if (password !== repeat) next.repeat = 'The two passwords differ';
    setErrors(next);
    if (checked.ok && !next.newPassword && !next.repeat) reset.mutate(checked.data);
  };

  if (!token) {
    return (
      <AuthFrame title="Set a new password">
        <Callout.Root color="amber">
          <Callout.Text>This page needs the single-use link from the e-mail the service desk sent you. Open the link from that e-mail.</Callout.Text>
        </Callout.Root>
      </AuthFrame>
    );
  }
  if (reset.isSuccess) {
    return (
      <AuthFrame title="Password set">
        <Callout.Root color="green" role="status">
          <Callout.Text>{reset.data.message}</Callout.Text>
        </Callout.Root>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame title="Set a new password" intro="Choose it yourself: nobody at the service desk sees it. The link works once.">
      <form onSubmit={submit} noValidate aria-label="Set a new password">
        <Flex direction="column" gap="3">
          <Field label="New password" hint={`At least ${RESET_PASSWORD_MIN_LENGTH} characters, not your account name. A few unrelated words work well.`} error={errors.newPassword}>
            {(p) => <TextField.Root {...p} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
          </Field>
          <Field label="Repeat new password" error={errors.repeat}>
            {(p) => <TextField.Root {...p} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />}
          </Field>
          {errors.token ? <FormError error={new Error('This link is not valid. Ask the service desk for a new one.')} /> : null}
          <FormError error={reset.error} />
          <Button type="submit" size="3" loading={reset.isPending}>
            Set password
          </Button>
        </Flex>
      </form>
    </AuthFrame>
  );
}
