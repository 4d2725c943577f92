import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

/** What an admin list page is doing: only listing, adding one, or editing one (as last read). */
export type Editing<T> = { mode: 'list' } | { mode: 'new' } | { mode: 'edit'; item: T };

/**
 * The list-and-form state every admin page shares: which form is open, the "saved"
 * notice, and reloading an item after someone else saved it (412) so the form restarts
 * from the newer version.
 */
export function useAdminEditor<T extends { id: number }>(fetchOne: (id: number) => Promise<T>, listKey: readonly unknown[]) {
  const client = useQueryClient();
  const [editing, setEditing] = useState<Editing<T>>({ mode: 'list' });
  const [saved, setSaved] = useState<string | null>(null);
  const reload = useMutation({
    mutationFn: fetchOne,
    onSuccess: (fresh) => {
      setEditing({ mode: 'edit', item: fresh });
      void client.invalidateQueries({ queryKey: listKey });
    },
  });
  const open = (next: Editing<T>) => {
    setSaved(null);
    reload.reset();
    setEditing(next);
  };
  /** Back to the list, which shows the saved item at once (no stale row while it refetches). */
  const finish = (message: string, saved?: T) => {
    if (saved) {
      client.setQueryData<T[]>(listKey, (old) => (Array.isArray(old) ? old.map((x) => (x.id === saved.id ? saved : x)) : old));
    }
    setEditing({ mode: 'list' });
    setSaved(message);
    void client.invalidateQueries({ queryKey: listKey });
  };
  return { editing, open, saved, reload, finish };
}
