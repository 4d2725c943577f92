import { Button, Flex, Text } from '@radix-ui/themes';
import { FormError } from '../components/form-error';
import { EditConflict } from './edit-conflict';

interface AdminFormFooterProps {
  /** What the form edits, in words: "calendar", "policy". */
  what: string;
  isNew: boolean;
  /** Someone else saved a newer version while this form was open (412). */
  conflict: boolean;
  onReload: () => void;
  reloading: boolean;
  error: unknown;
  hasClientErrors: boolean;
  unchanged: boolean;
  saving: boolean;
  onCancel: () => void;
  testId: string;
}

/** The end of an admin edit form: what went wrong, whether there is anything to save, and the buttons. */
export function AdminFormFooter(p: AdminFormFooterProps) {
  return (
    <>
      {p.conflict ? <EditConflict what={p.what} onReload={p.onReload} reloading={p.reloading} /> : <FormError error={p.error} />}
      {p.hasClientErrors ? (
        <Text size="2" color="red" role="alert" data-testid={`${p.testId}-form-problems`}>
          Some answers need another look; see the messages next to them.
        </Text>
      ) : null}
      {p.unchanged ? (
        <Text size="2" color="gray" role="status">
          Nothing has changed, so there is nothing to save.
        </Text>
      ) : null}
      <Flex gap="3">
        <Button type="submit" loading={p.saving} data-testid={`save-${p.testId}`}>
          {p.isNew ? `Add ${p.what}` : 'Save changes'}
        </Button>
        <Button type="button" variant="soft" color="gray" onClick={p.onCancel}>
          Cancel
        </Button>
      </Flex>
    </>
  );
}
