import type { Ticket } from '@deskside/shared';
import { useState } from 'react';
import type { z } from 'zod';
import { type FieldErrors, fieldErrorsFrom, validateBody } from '../../lib/problem';
import { useTicketAction } from '../../lib/use-ticket-action';

/** What each action form needs: the ticket as shown and a way to close itself. */
export interface ActionProps {
  ticket: Ticket;
  onDone: () => void;
  onCancel: () => void;
}

/**
 * Checks the body against its shared contract, then sends it with the ticket's
 * version; field messages come from whichever side refused.
 */
export function useActionForm<S extends z.ZodType>(
  ticket: Ticket,
  schema: S,
  run: (body: z.output<S>, ticket: Ticket) => Promise<Ticket>,
  onDone: () => void,
) {
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const action = useTicketAction(ticket, run, onDone);
  const submit = (value: unknown) => {
    const checked = validateBody(schema, value);
    if (!checked.ok) {
      action.reset();
      setClientErrors(checked.errors);
      return;
    }
    setClientErrors({});
    action.mutate(checked.data);
  };
  return {
    submit,
    errors: { ...clientErrors, ...fieldErrorsFrom(action.error) },
    pending: action.isPending,
    error: action.error,
  };
}
