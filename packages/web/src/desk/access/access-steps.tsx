import type { AccessRequestView } from '@deskside/shared';
import { Callout, Text } from '@radix-ui/themes';

type Step = AccessRequestView['state'];

/** The road of a request, in order; approval is on it only when the policy asks for one. */
function roadOf(view: AccessRequestView): Step[] {
  return view.requirements.approversRequired > 0
    ? ['requested', 'verified', 'approved', 'executed', 'notified']
    : ['requested', 'verified', 'executed', 'notified'];
}

const STEP_WORDS: Partial<Record<Step, string>> = {
  requested: 'Requested',
  verified: 'Identity verified',
  approved: 'Approved',
  executed: 'Done in the directory',
  notified: 'Person and manager told',
};

/** Where the request stands, as a list of steps with the current one marked. */
export function AccessSteps({ view }: { view: AccessRequestView }) {
  const road = roadOf(view);
  // Off the road: an unknown outcome stands at "done in the directory"; a stopped request at the last step it reached.
  const verified = view.verifications.some((v) => v.verifiedAt) ? road.indexOf('verified') : 0;
  const at = view.state === 'unknown_outcome' ? road.indexOf('executed') : road.includes(view.state) ? road.indexOf(view.state) : verified;
  const stopped = view.state === 'refused' || view.state === 'expired';
  // Notified is the end of the road: the last step is done, not "now".
  const finished = stopped || view.state === 'notified';
  return (
    <>
      <ol className="ds-access-steps" aria-label="Steps" data-testid="access-steps">
        {road.map((step, i) => {
          const status = i < at || (finished && i === at) ? 'done' : i === at ? 'current' : 'todo';
          return (
            <li key={step} className="ds-access-step" data-status={status} data-step={step} aria-current={status === 'current' ? 'step' : undefined}>
              <Text size="2" weight={status === 'current' ? 'bold' : 'regular'}>{STEP_WORDS[step]}</Text>
              <Text size="1" color="gray"> — {status === 'done' ? 'done' : status === 'current' ? 'now' : 'not yet'}</Text>
            </li>
          );
        })}
      </ol>
      {view.state === 'unknown_outcome' && !view.manualSteps ? (
        <Callout.Root color="amber" size="1" role="status">
          <Callout.Text>The directory was asked to make the change but did not answer. Run it again after two minutes: the desk reads the account back before writing anything.</Callout.Text>
        </Callout.Root>
      ) : null}
      {view.state === 'refused' || view.state === 'expired' ? (
        <Callout.Root color="gray" size="1" role="status">
          <Callout.Text>This request was {view.state}{view.outcome ? `: ${view.outcome}` : ''}. Nothing more will happen to it.</Callout.Text>
        </Callout.Root>
      ) : null}
    </>
  );
}
