import { Button, Callout, Card, Flex, Grid, Heading, Text, TextField } from '@radix-ui/themes';
import { type DeskSettings, matrixProblems, type PriorityMatrix, UpdateDeskSettingsBody } from '@deskside/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field } from '../components/field';
import { FormError } from '../components/form-error';
import { api, queryKeys } from '../lib/api';
import { type FieldErrors, fieldErrorsFrom, validateBody } from '../lib/problem';
import { useSettings } from '../lib/reference-data';
import { AdminPage } from './admin-tabs';
import { MatrixEditor } from './matrix-editor';

/** Desk-wide settings for admins: the triage matrix and the closing windows. */
export function AdminSettingsPage() {
  const settings = useSettings();
  return (
    <AdminPage title="Desk settings">
      {settings.data ? (
        <SettingsForm initial={settings.data} />
      ) : settings.isError ? (
        <FormError error={settings.error} />
      ) : (
        <Text color="gray">Loading…</Text>
      )}
    </AdminPage>
  );
}

function SettingsForm({ initial }: { initial: DeskSettings }) {
  const client = useQueryClient();
  const [matrix, setMatrix] = useState<PriorityMatrix>(initial.priorityMatrix);
  const [reopenDays, setReopenDays] = useState(String(initial.reopenWindowDays));
  const [autoCloseDays, setAutoCloseDays] = useState(String(initial.autoCloseDays));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: (body: UpdateDeskSettingsBody) => api.updateSettings(body),
    onSuccess: (saved) => client.setQueryData(queryKeys.settings, saved),
  });
  const errors = { ...clientErrors, ...fieldErrorsFrom(save.error) };
  // "Saved" must not linger over edits that are not saved yet.
  const edited =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      if (save.isSuccess) save.reset();
      set(value);
    };
  const warnings = matrixProblems(matrix);
  const matrixError = errors.priorityMatrix;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = validateBody(UpdateDeskSettingsBody, {
      priorityMatrix: matrix,
      reopenWindowDays: reopenDays.trim() === '' ? Number.NaN : Number(reopenDays),
      autoCloseDays: autoCloseDays.trim() === '' ? Number.NaN : Number(autoCloseDays),
    });
    setClientErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) save.mutate(checked.data);
    else save.reset();
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Desk settings">
      <Flex direction="column" gap="4">
        <Card size="3" asChild>
          <section aria-labelledby="matrix-heading">
            <Flex direction="column" gap="3">
              <Heading as="h2" size="4" id="matrix-heading">
                Priority matrix
              </Heading>
              <Text as="p" size="2" color="gray">
                Impact is how many people are hurt and how critical the service is; urgency is how fast the damage grows.
                New tickets get the priority in their cell. Changing the matrix does not change existing tickets.
              </Text>
              <MatrixEditor matrix={matrix} onChange={edited(setMatrix)} errors={errors} />
              {matrixError && warnings.length === 0 ? (
                <Text size="2" color="red" role="alert">
                  {matrixError}
                </Text>
              ) : null}
              {warnings.length ? (
                <Callout.Root color="amber" size="1" data-testid="matrix-warnings">
                  <Callout.Text>
                    More impact or urgency should never lower the priority. Check: {warnings.join('; ')}.
                  </Callout.Text>
                </Callout.Root>
              ) : null}
            </Flex>
          </section>
        </Card>
        <Card size="3" asChild>
          <section aria-labelledby="closing-heading">
            <Flex direction="column" gap="3">
              <Heading as="h2" size="4" id="closing-heading">
                Closing tickets
              </Heading>
              <Grid columns={{ initial: '1', sm: '2' }} gap="4">
                <DaysField
                  label="Reopen window (days)"
                  hint="How long after resolving a ticket can be reopened (0–365)."
                  value={reopenDays}
                  onChange={edited(setReopenDays)}
                  error={errors.reopenWindowDays}
                  testId="reopen-window-days"
                />
                <DaysField
                  label="Auto-close after (days)"
                  hint="A resolved ticket closes by itself if the requester does not answer (1–90)."
                  value={autoCloseDays}
                  onChange={edited(setAutoCloseDays)}
                  error={errors.autoCloseDays}
                  testId="auto-close-days"
                />
              </Grid>
            </Flex>
          </section>
        </Card>
        <FormError error={save.error} />
        {save.isSuccess ? (
          <Callout.Root color="green" role="status" size="1">
            <Callout.Text>Settings saved.</Callout.Text>
          </Callout.Root>
        ) : null}
        <Flex>
          <Button type="submit" size="3" loading={save.isPending} data-testid="save-settings">
            Save settings
          </Button>
        </Flex>
      </Flex>
    </form>
  );
}

interface DaysFieldProps {
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  testId: string;
}

function DaysField({ label, hint, value, onChange, error, testId }: DaysFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(p) => (
        <TextField.Root
          {...p}
          type="number"
          inputMode="numeric"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
        />
      )}
    </Field>
  );
}
