import { Box, Button, Card, Flex, Heading, Text } from '@radix-ui/themes';
import type { Ticket, TicketStatus } from '@deskside/shared';
import { useNavigate } from '@tanstack/react-router';
import { type ReactNode, useCallback, useRef, useState } from 'react';
import { FormError } from '../../components/form-error';
import { api } from '../../lib/api';
import { useTicketAction } from '../../lib/use-ticket-action';
import { useShortcuts } from '../use-shortcuts';
import { AcknowledgeForm } from './acknowledge-form';
import { AssignForm } from './assign-form';
import { CommentForm } from './comment-form';
import { PendForm } from './pend-form';
import { ResolveForm } from './resolve-form';
import { ReopenForm, RestoreForm } from './simple-text-forms';
import type { ActionProps } from './use-action-form';

type FormAction = 'acknowledge' | 'reply' | 'note' | 'assign' | 'pend' | 'restore' | 'resolve' | 'reopen';

const FORMS: Record<FormAction, { label: string; done: string; render: (p: ActionProps) => ReactNode }> = {
  acknowledge: { label: 'Acknowledge', done: 'Acknowledged.', render: (p) => <AcknowledgeForm {...p} /> },
  reply: { label: 'Reply', done: 'Reply sent.', render: (p) => <CommentForm {...p} visibility="public" /> },
  note: { label: 'Internal note', done: 'Note added.', render: (p) => <CommentForm {...p} visibility="internal" /> },
  assign: { label: 'Assign', done: 'Assignment saved.', render: (p) => <AssignForm {...p} /> },
  pend: { label: 'Pend', done: 'Set to pending.', render: (p) => <PendForm {...p} /> },
  restore: { label: 'Restore', done: 'Marked as working again.', render: (p) => <RestoreForm {...p} /> },
  resolve: { label: 'Resolve', done: 'Resolved.', render: (p) => <ResolveForm {...p} /> },
  reopen: { label: 'Reopen', done: 'Reopened.', render: (p) => <ReopenForm {...p} /> },
};

/** Buttons in the order work usually flows; only those the ticket's abilities allow are shown. */
const ORDER: readonly (FormAction | 'accept' | 'start')[] = [
  'acknowledge',
  'accept',
  'start',
  'restore',
  'resolve',
  'reply',
  'note',
  'assign',
  'pend',
  'reopen',
];

/** The step the desk would take next in this status, shown as the solid button. */
const NEXT_STEP: Partial<Record<TicketStatus, string>> = {
  new: 'acknowledge',
  acknowledged: 'start',
  in_progress: 'restore',
  pending: 'start',
  restored: 'resolve',
};

const DIRECT = { accept: 'Accept', start: 'Start work' } as const;

/** What an agent can do to this ticket right now, each opening its own short form. */
export function ActionBar({ ticket }: { ticket: Ticket }) {
  const navigate = useNavigate();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [open, setOpen] = useState<FormAction | null>(null);
  const [done, setDone] = useState('');
  const accept = useTicketAction(ticket, (_: void, t) => api.accept(t.id, t.version), () => setDone('Accepted.'));
  const start = useTicketAction(ticket, (_: void, t) => api.start(t.id, t.version), () => setDone('Work started.'));
  const can = (a: string) => ticket.abilities.includes(a);

  const toggle = useCallback((a: FormAction) => {
    setDone('');
    setOpen((current) => (current === a ? null : a));
  }, []);
  const finish = (a: FormAction) => {
    setOpen(null);
    setDone(FORMS[a].done);
    // The form is gone; put focus somewhere sensible instead of the page's start.
    requestAnimationFrame(() => headingRef.current?.focus());
  };
  const cancel = () => {
    setOpen(null);
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  useShortcuts({
    r: () => can('reply') && toggle('reply'),
    n: () => can('note') && toggle('note'),
    q: () => void navigate({ to: '/desk' }),
  });

  const available = ORDER.filter(can);
  if (available.length === 0) return null;
  const variantFor = (a: string) => (NEXT_STEP[ticket.status] === a ? 'solid' : 'soft');

  return (
    <Card size="2" asChild>
      <section aria-labelledby="actions-heading" data-testid="ticket-actions">
        <Flex direction="column" gap="3">
          <Flex align="center" gap="3">
            <Heading as="h2" size="3" id="actions-heading" ref={headingRef} tabIndex={-1}>
              Actions
            </Heading>
            <Text size="1" color="gray" className="ds-key-hints" aria-hidden="true">
              <kbd>r</kbd> reply · <kbd>n</kbd> note · <kbd>q</kbd> queue
            </Text>
            <Text size="2" color="green" role="status" ml="auto" data-testid="action-done">
              {done}
            </Text>
          </Flex>
          <Flex gap="2" wrap="wrap">
            {available.map((a) =>
              a === 'accept' || a === 'start' ? (
                <Button
                  key={a}
                  variant={variantFor(a)}
                  loading={(a === 'accept' ? accept : start).isPending}
                  onClick={() => {
                    setOpen(null);
                    setDone('');
                    (a === 'accept' ? accept : start).mutate();
                  }}
                  data-testid={`action-${a}`}
                >
                  {DIRECT[a]}
                </Button>
              ) : (
                <Button
                  key={a}
                  variant={open === a ? 'surface' : variantFor(a)}
                  aria-expanded={open === a}
                  aria-controls={open === a ? 'action-panel' : undefined}
                  onClick={() => toggle(a)}
                  data-testid={`action-${a}`}
                >
                  {FORMS[a].label}
                </Button>
              ),
            )}
          </Flex>
          <FormError error={accept.error ?? start.error} />
          {open ? (
            <Box id="action-panel" className="ds-action-panel">
              {FORMS[open].render({ ticket, onDone: () => finish(open), onCancel: cancel })}
            </Box>
          ) : null}
        </Flex>
      </section>
    </Card>
  );
}
