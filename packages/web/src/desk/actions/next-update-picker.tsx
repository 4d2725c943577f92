import { Flex, RadioGroup, Text, TextField } from '@radix-ui/themes';
import { useId } from 'react';
import { formatWhen, minutesFromNow } from '../../lib/time';

const QUICK = [
  { value: '5', label: 'In 5 min' },
  { value: '15', label: 'In 15 min' },
  { value: '30', label: 'In 30 min' },
  { value: '60', label: 'In 1 hour' },
] as const;

export interface NextUpdateChoice {
  pick: 'none' | 'custom' | (typeof QUICK)[number]['value'];
  custom: string;
}

/** The promise as an ISO time, worked out at the moment of sending so "in 15 min" stays true. */
export function resolveNextUpdate(choice: NextUpdateChoice): string | undefined {
  if (choice.pick === 'none') return undefined;
  if (choice.pick === 'custom') {
    const at = new Date(choice.custom);
    return Number.isNaN(at.getTime()) ? '' : at.toISOString();
  }
  return minutesFromNow(Number(choice.pick));
}

interface NextUpdatePickerProps {
  label: string;
  value: NextUpdateChoice;
  onChange: (value: NextUpdateChoice) => void;
  allowNone?: boolean;
  error?: string | undefined;
}

/** "When will the requester hear from us next?" with quick picks and an exact time. */
export function NextUpdatePicker({ label, value, onChange, allowNone = false, error }: NextUpdatePickerProps) {
  const id = useId();
  const preview = value.pick !== 'none' ? resolveNextUpdate(value) : undefined;
  return (
    <Flex direction="column" gap="2" role="group" aria-labelledby={`${id}-label`} data-testid="next-update-picker">
      <Text id={`${id}-label`} size="2" weight="medium">
        {label}
      </Text>
      <RadioGroup.Root
        value={value.pick}
        onValueChange={(pick) => onChange({ ...value, pick: pick as NextUpdateChoice['pick'] })}
        aria-labelledby={`${id}-label`}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <Flex gap="4" wrap="wrap">
          {allowNone ? <RadioGroup.Item value="none">No new promise</RadioGroup.Item> : null}
          {QUICK.map((q) => (
            <RadioGroup.Item key={q.value} value={q.value}>
              {q.label}
            </RadioGroup.Item>
          ))}
          <RadioGroup.Item value="custom">At a set time</RadioGroup.Item>
        </Flex>
      </RadioGroup.Root>
      {value.pick === 'custom' ? (
        <Flex direction="column" gap="1">
          <Text as="label" htmlFor={`${id}-custom`} size="1" color="gray">
            Date and time of the next update
          </Text>
          <TextField.Root
            id={`${id}-custom`}
            type="datetime-local"
            value={value.custom}
            onChange={(e) => onChange({ ...value, custom: e.target.value })}
            className="ds-datetime"
          />
        </Flex>
      ) : null}
      {preview ? (
        <Text size="1" color="gray">
          The requester will be told: next update by {formatWhen(preview)}.
        </Text>
      ) : null}
      {error ? (
        <Text id={`${id}-error`} size="1" color="red">
          {error}
        </Text>
      ) : null}
    </Flex>
  );
}
