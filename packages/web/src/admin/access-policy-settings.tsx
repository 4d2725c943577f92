import { Card, Flex, Grid, Heading, Text, TextArea, TextField } from '@radix-ui/themes';
import type { AccessPolicy } from '@deskside/shared';
import { Field } from '../components/field';
import type { FieldErrors } from '../lib/problem';

interface SettingsProps {
  policy: AccessPolicy;
  onChange: (policy: AccessPolicy) => void;
  /** The privileged group ids as typed (one per line), kept as text so typing is not fought. */
  groupsText: string;
  onGroupsText: (text: string) => void;
  errors: FieldErrors;
}

const asNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** The policy's numbers (timing, velocity, break-glass) and its privileged directory groups. */
export function AccessPolicySettings({ policy, onChange, groupsText, onGroupsText, errors }: SettingsProps) {
  const groupsError = errors['policy.privilegedGroupIds'] ?? Object.entries(errors).find(([k]) => k.startsWith('policy.privilegedGroupIds.'))?.[1];
  return (
    <>
      <Card size="3" asChild>
        <section aria-labelledby="policy-timing-heading">
          <Flex direction="column" gap="3">
            <Heading as="h2" size="4" id="policy-timing-heading">
              Timing
            </Heading>
            <Grid columns={{ initial: '1', sm: '3' }} gap="4">
              <NumberField
                label="Verification stays fresh (minutes)"
                hint="A proof of identity counts for this long after it succeeded (1–60)."
                value={policy.verificationFreshMinutes}
                onChange={(n) => onChange({ ...policy, verificationFreshMinutes: n })}
                error={errors['policy.verificationFreshMinutes']}
                testId="policy-verification-fresh-minutes"
              />
              <NumberField
                label="Quiet days after a phone change"
                hint="A number of record changed within this many days cannot be used for a callback (1–90)."
                value={policy.callbackQuietDays}
                onChange={(n) => onChange({ ...policy, callbackQuietDays: n })}
                error={errors['policy.callbackQuietDays']}
                testId="policy-callback-quiet-days"
              />
              <NumberField
                label="Unfinished requests expire after (minutes)"
                hint="5 minutes to 7 days (10080)."
                value={policy.requestLifetimeMinutes}
                onChange={(n) => onChange({ ...policy, requestLifetimeMinutes: n })}
                error={errors['policy.requestLifetimeMinutes']}
                testId="policy-request-lifetime-minutes"
              />
            </Grid>
          </Flex>
        </section>
      </Card>
      <Card size="3" asChild>
        <section aria-labelledby="policy-velocity-heading">
          <Flex direction="column" gap="3">
            <Heading as="h2" size="4" id="policy-velocity-heading">
              Velocity limits per agent
            </Heading>
            <Text as="p" size="2" color="gray">
              An agent who goes over a limit is not blocked: their next requests wait for a security review and Security is alerted.
            </Text>
            <Grid columns={{ initial: '1', sm: '2' }} gap="4">
              <NumberField
                label="Actions per hour"
                value={policy.velocity.actionsPerAgentPerHour}
                onChange={(n) => onChange({ ...policy, velocity: { ...policy.velocity, actionsPerAgentPerHour: n } })}
                error={errors['policy.velocity.actionsPerAgentPerHour']}
                testId="policy-actions-per-hour"
              />
              <NumberField
                label="Actions on privileged targets per day"
                value={policy.velocity.privilegedActionsPerAgentPerDay}
                onChange={(n) => onChange({ ...policy, velocity: { ...policy.velocity, privilegedActionsPerAgentPerDay: n } })}
                error={errors['policy.velocity.privilegedActionsPerAgentPerDay']}
                testId="policy-privileged-actions-per-day"
              />
            </Grid>
          </Flex>
        </section>
      </Card>
      <Card size="3" asChild>
        <section aria-labelledby="policy-break-glass-heading">
          <Flex direction="column" gap="3">
            <Heading as="h2" size="4" id="policy-break-glass-heading">
              Break-glass
            </Heading>
            <Text as="p" size="2" color="gray">
              For when the usual methods cannot be reached (a lost phone, a manager away): any approved method counts, but never
              fewer of them; it always takes at least two approvers and a written reason, and Security is alerted at once.
            </Text>
            <Grid columns={{ initial: '1', sm: '2' }} gap="4">
              <NumberField
                label="Approvers required"
                hint="At least 2."
                min={2}
                value={policy.breakGlass.approversRequired}
                onChange={(n) => onChange({ ...policy, breakGlass: { ...policy.breakGlass, approversRequired: n } })}
                error={errors['policy.breakGlass.approversRequired']}
                testId="policy-break-glass-approvers"
              />
              <NumberField
                label="Shortest reason (characters)"
                hint="10 to 2000."
                value={policy.breakGlass.minReasonLength}
                onChange={(n) => onChange({ ...policy, breakGlass: { ...policy.breakGlass, minReasonLength: n } })}
                error={errors['policy.breakGlass.minReasonLength']}
                testId="policy-break-glass-reason-length"
              />
            </Grid>
          </Flex>
        </section>
      </Card>
      <Card size="3" asChild>
        <section aria-labelledby="policy-groups-heading">
          <Flex direction="column" gap="3">
            <Heading as="h2" size="4" id="policy-groups-heading">
              Privileged directory groups
            </Heading>
            <Field
              label="Group ids, one per line"
              hint="Members of these directory groups (nested membership counts) are privileged targets, as are the admin groups the directory connection names and Deskside's own agents and admins."
              error={groupsError}
            >
              {(p) => <TextArea {...p} value={groupsText} onChange={(e) => onGroupsText(e.target.value)} rows={4} data-testid="policy-privileged-groups" />}
            </Field>
          </Flex>
        </section>
      </Card>
    </>
  );
}

interface NumberFieldProps {
  label: string;
  hint?: string;
  min?: number;
  value: number;
  onChange: (value: number) => void;
  error: string | undefined;
  testId: string;
}

function NumberField({ label, hint, min = 1, value, onChange, error, testId }: NumberFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(p) => (
        <TextField.Root
          {...p}
          type="number"
          inputMode="numeric"
          min={min}
          value={Number.isNaN(value) ? '' : String(value)}
          onChange={(e) => onChange(asNumber(e.target.value))}
          data-testid={testId}
        />
      )}
    </Field>
  );
}
