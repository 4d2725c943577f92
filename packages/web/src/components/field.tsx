import { Flex, Text } from '@radix-ui/themes';
import { type ReactNode, useId } from 'react';

/** What a control needs so its label, hint and error are announced with it. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: (control: ControlProps) => ReactNode;
}

/** A labelled form control with its hint and its error message beside it. */
export function Field({ label, hint, error, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <Flex direction="column" gap="1" className="ds-field">
      <Text as="label" htmlFor={id} size="2" weight="medium">
        {label}
      </Text>
      {hint ? (
        <Text id={hintId} size="1" color="gray">
          {hint}
        </Text>
      ) : null}
      {children({ id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(error ? { 'aria-invalid': true } : {}) })}
      {error ? (
        <Text id={errorId} size="1" color="red" className="ds-field-error">
          {error}
        </Text>
      ) : null}
    </Flex>
  );
}
