import { Button, Flex } from '@radix-ui/themes';
import type { FormEvent, ReactNode } from 'react';
import { FormError } from '../../components/form-error';

interface ActionFormProps {
  label: string;
  submitLabel: string;
  testId: string;
  pending: boolean;
  error: unknown;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}

/** The frame every ticket action form shares: fields, the refusal if any, send and cancel. */
export function ActionForm({ label, submitLabel, testId, pending, error, onSubmit, onCancel, children }: ActionFormProps) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={label}
      data-testid={`form-${testId}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <Flex direction="column" gap="3">
        {children}
        <FormError error={error} />
        <Flex gap="2">
          <Button type="submit" loading={pending} data-testid={`submit-${testId}`}>
            {submitLabel}
          </Button>
          <Button type="button" variant="soft" color="gray" onClick={onCancel}>
            Cancel
          </Button>
        </Flex>
      </Flex>
    </form>
  );
}
