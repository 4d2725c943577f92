import { Button } from '@radix-ui/themes';

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
