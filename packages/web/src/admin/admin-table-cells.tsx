import { Button, Flex } from '@radix-ui/themes';
import type { ReactNode } from 'react';

/** The header of an admin table's last column, named for screen readers only. */
export function ActionsHeader() {
  return (
    <th scope="col">
      <span className="ds-visually-hidden">Actions</span>
    </th>
  );
}

/** The last cell of an admin table row: one button that opens the row in the form. */
export function EditCell({ name, onEdit, testId }: { name: string; onEdit: () => void; testId: string }) {
  return (
    <td className="ds-actions">
      <Button size="1" variant="soft" onClick={onEdit} aria-label={`Edit ${name}`} data-testid={testId}>
        Edit
      </Button>
    </td>
  );
}

interface TryAgainOrDiscardProps {
  /** "Retry", "Re-process": what running it again is called here. */
  againLabel: string;
  againTestId: string;
  discardTestId: string;
  /** Which of the two is in flight, if any. */
  busy: 'again' | 'discard' | null;
  onAgain: () => void;
  onDiscard: () => void;
  /** What the last attempt said (an error, a "still held"), shown under the buttons. */
  children?: ReactNode;
}

/** The two choices for work that did not go through: run it again, or give it up. */
export function TryAgainOrDiscard(p: TryAgainOrDiscardProps) {
  return (
    <Flex direction="column" gap="2">
      <Flex gap="2">
        <Button size="1" onClick={p.onAgain} loading={p.busy === 'again'} data-testid={p.againTestId}>
          {p.againLabel}
        </Button>
        <Button size="1" variant="soft" color="red" onClick={p.onDiscard} loading={p.busy === 'discard'} data-testid={p.discardTestId}>
          Discard
        </Button>
      </Flex>
      {p.children}
    </Flex>
  );
}
