import type { AccessRequestView } from '@deskside/shared';
import { Badge, Button, Callout, Flex, Heading, Text, TextArea } from '@radix-ui/themes';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { useMe } from '../../lib/session';
import { formatWhen } from '../../lib/time';
import { accessRequestKey, accessStep, fetchAccessRequest } from './access-api';
import { AccessSignals } from './access-signals';
import { AccessSteps } from './access-steps';
import { GroupActionSummary } from './group-action-fields';
import { LicenseActionSummary } from './license-action-fields';
import { ManualSteps } from './manual-steps';
import { AccessError } from './mfa-callout';
import { VerificationPanel } from './verification-panel';

const ACTION_WORDS: Record<string, string> = { unlock_account: 'Unlock the account', reset_password: 'Reset the password (the person sets it)', reset_mfa: 'Reset two-factor sign-in (the person enrols again)', assign_license: 'Assign a licence seat', reclaim_license: 'Reclaim a licence seat',
  add_group_member: 'Add to a directory group', remove_group_member: 'Remove from a directory group' };

/** One identity action on the ticket: who, what, what the policy asks and why, the signs, and the next step. */
export function AccessRequestCard({ id, initial }: { id: string; initial?: AccessRequestView | undefined }) {
  const client = useQueryClient();
  const request = useQuery({ queryKey: accessRequestKey(id), queryFn: () => fetchAccessRequest(id), initialData: initial });
  const heading = useRef<HTMLHeadingElement>(null);
  const me = useMe();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const act = useMutation({
    mutationFn: ({ step, body }: { step: string; body?: object }) => accessStep(id, step, body),
    onSuccess: (view) => {
      client.setQueryData(accessRequestKey(id), view);
      setRefusing(false);
      heading.current?.focus();
    },
  });
  const view = request.data;
  if (!view) {
    return <Text size="2" color="gray" as="p">{request.isError ? 'This request could not load.' : 'Loading the request…'}</Text>;
  }
  const canExecute = view.missing.length === 0 && view.allowedNext.includes('unknown_outcome');
  const canRefuse = view.allowedNext.includes('refused');
  // Approvals come from people other than the agent handling it; the server refuses the requester and the target.
  const approvedByMe = view.approvals.some((a) => a.approverId === me.user.id);
  const canApprove = view.state === 'verified' && view.allowedNext.includes('approved') && !approvedByMe && view.openedBy !== me.user.id;
  const run = (step: string, body?: object) => act.mutate({ step, body });

  return (
    <article className="ds-access-request" aria-labelledby={`req-${id}`} data-testid="access-request" data-state={view.state}>
      <Flex direction="column" gap="3">
        <Flex align="center" gap="2" wrap="wrap">
          <Heading as="h3" size="3" id={`req-${id}`} ref={heading} tabIndex={-1}>
            {ACTION_WORDS[view.action.type] ?? view.action.type}: {view.target.name}
          </Heading>
          <Badge color={view.state === 'executed' || view.state === 'notified' ? 'green' : view.state === 'refused' || view.state === 'expired' ? 'gray' : 'indigo'} data-testid="access-state">
            {view.state.replace('_', ' ')}
          </Badge>
          {view.target.tier === 'privileged' ? <Badge color="red">Privileged account</Badge> : null}
        </Flex>
        <Text size="1" color="gray">
          {view.target.email ?? 'no e-mail of record'} · opened {formatWhen(view.createdAt)}
          {['requested', 'verified', 'approved'].includes(view.state) ? ` · expires ${formatWhen(view.expiresAt)}` : ''}
          {view.executedAt ? ` · done ${formatWhen(view.executedAt)}` : ''}
        </Text>
        <GroupActionSummary view={view} />
        <LicenseActionSummary view={view} />
        {view.breakGlassReason ? (
          <Callout.Root color="red" size="1" data-testid="break-glass-reason-shown">
            <Callout.Text>Break-glass. Security was alerted. Reason given: {view.breakGlassReason}</Callout.Text>
          </Callout.Root>
        ) : null}
        {view.securityTicketId ? (
          <Callout.Root color="orange" size="1" data-testid="security-alerted">
            <Callout.Text>
              Security was alerted about this request and reviews it on{' '}
              <Link to="/desk/tickets/$number" params={{ number: String(view.securityTicketId) }}>its security ticket</Link>.
            </Callout.Text>
          </Callout.Root>
        ) : null}
        <AccessSteps view={view} />
        <section aria-labelledby={`needs-${id}`}>
          <Heading as="h4" size="2" id={`needs-${id}`}>What the policy asks, and why</Heading>
          <ul className="ds-access-list" data-testid="access-requirements">
            {view.requirements.inWords.map((w) => <li key={w}><Text size="2">{w}</Text></li>)}
          </ul>
          {view.missing.length > 0 ? (
            <>
              <Text size="2" weight="medium" as="p">Still missing before it can run:</Text>
              <ul className="ds-access-list" data-testid="access-missing">
                {view.missing.map((m) => <li key={m}><Text size="2">{m}</Text></li>)}
              </ul>
            </>
          ) : null}
        </section>
        <AccessSignals view={view} />
        {view.state === 'requested' ? (
          <VerificationPanel view={view} pending={act.isPending} onCallback={() => run('verifications/callback')} onInPerson={(document) => run('verifications/in-person', { document })} onAsk={(step) => run(step)} />
        ) : null}
        <ManualSteps view={view} />
        <div aria-live="polite">
          <AccessError error={act.error} />
        </div>
        {canExecute || canRefuse || canApprove || (view.state === 'unknown_outcome' && !view.manualSteps) ? (
          <Flex gap="2" wrap="wrap" align="center">
            {view.state !== 'executed' ? (
              <Button type="button" color="green" disabled={!(canExecute || view.state === 'unknown_outcome')} loading={act.isPending && !refusing}
                onClick={() => run('execute')} data-testid="execute-access">
                {view.state === 'unknown_outcome' ? 'Check the directory again' : 'Execute in the directory'}
              </Button>
            ) : null}
            {canApprove ? (
              <Button type="button" variant="soft" loading={act.isPending && !refusing} onClick={() => run('approvals')} data-testid="approve-access">
                Approve ({view.approvals.length} of {view.requirements.approversRequired})
              </Button>
            ) : null}
            {approvedByMe && view.state === 'verified' ? (
              <Text size="2" color="gray" data-testid="approval-given">
                You approved ({view.approvals.length} of {view.requirements.approversRequired}); someone else must approve as well.
              </Text>
            ) : null}
            {canRefuse && !refusing ? (
              <Button type="button" variant="soft" color="red" onClick={() => setRefusing(true)} data-testid="refuse-access">Refuse</Button>
            ) : null}
          </Flex>
        ) : null}
        {refusing ? (
          <form aria-label="Refuse the request" onSubmit={(e) => { e.preventDefault(); run('refuse', { reason }); }}
            onKeyDown={(e) => { if (e.key === 'Escape') setRefusing(false); }}>
            <Flex direction="column" gap="2">
              <Text as="label" size="2" weight="medium" htmlFor={`reason-${id}`}>Why it is refused</Text>
              <TextArea id={`reason-${id}`} autoFocus value={reason} onChange={(e) => setReason(e.target.value)} rows={2} data-testid="refuse-reason" />
              <Flex gap="2">
                <Button type="submit" color="red" loading={act.isPending} data-testid="confirm-refuse">Refuse the request</Button>
                <Button type="button" variant="soft" color="gray" onClick={() => setRefusing(false)}>Cancel</Button>
              </Flex>
            </Flex>
          </form>
        ) : null}
      </Flex>
    </article>
  );
}
