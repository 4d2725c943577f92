import { Button, Callout, Flex } from '@radix-ui/themes';

/** Shown when a save was refused because someone else saved the same thing first (412). */
export function EditConflict({ what, onReload, reloading }: { what: string; onReload: () => void; reloading: boolean }) {
  return (
    <Callout.Root color="amber" role="alert" size="1" data-testid="edit-conflict">
      <Flex direction="column" gap="2">
        <Callout.Text>
          Someone else saved this {what} while you were editing it, so your changes were not saved. Reload it to see their
          version, then make your changes again.
        </Callout.Text>
        <Flex>
          <Button type="button" size="1" onClick={onReload} loading={reloading} data-testid="reload-after-conflict">
            Reload the {what}
          </Button>
        </Flex>
      </Flex>
    </Callout.Root>
  );
}

/** The fields of `next` whose value differs from `before`: an edit sends only what changed. */
export function changedFields<T extends object>(before: Partial<T>, next: T): Partial<T> {
  const changed: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) changed[key] = next[key];
  }
  return changed;
}
