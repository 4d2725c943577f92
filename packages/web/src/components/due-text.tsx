import { Text } from '@radix-ui/themes';
import { describeDue, formatWhen } from '../lib/time';

const DUE_COLORS = { overdue: 'red', soon: 'amber', later: undefined } as const;

/** "due in 12 min" / "overdue by 5 min", coloured by urgency, with the exact time on hover. */
export function DueText({ at, now, prefix }: { at: string | null; now: number; prefix?: string }) {
  if (!at) return <Text color="gray">—</Text>;
  const due = describeDue(at, now);
  return (
    <Text
      color={DUE_COLORS[due.state]}
      weight={due.state === 'overdue' ? 'bold' : undefined}
      title={formatWhen(at, now)}
      data-due-state={due.state}
    >
      {prefix ? `${prefix} ${due.text}` : due.text}
    </Text>
  );
}
