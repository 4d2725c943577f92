import { Checkbox, Flex, Text, TextField } from '@radix-ui/themes';
import { ACCESS_ACTIONS, type AccessPolicy, type TargetTier, TARGET_TIERS, type TierRule, VERIFICATION_METHODS, type VerificationMethod } from '@deskside/shared';
import type { FieldErrors } from '../lib/problem';
import { ACTION_NAMES, METHOD_SHORT_NAMES, TIER_NAMES } from './access-policy-text';

interface RulesTableProps {
  rules: AccessPolicy['rules'];
  onChange: (rules: AccessPolicy['rules']) => void;
  /** Keyed like the server names fields, without "body.": policy.rules.<action>.<tier>.<field>. */
  errors: FieldErrors;
}

/** Every action and target tier on one row: the acceptable methods, how many must succeed, how many approvers. */
export function AccessPolicyRulesTable({ rules, onChange, errors }: RulesTableProps) {
  const setRule = (action: keyof AccessPolicy['rules'], tier: TargetTier, rule: TierRule) =>
    onChange({ ...rules, [action]: { ...rules[action], [tier]: rule } });
  return (
    <div className="ds-table-wrap">
      <table className="ds-table ds-policy-table" data-testid="access-policy-rules">
        <caption className="ds-visually-hidden">Verification and approvals for each identity action and target tier</caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Acceptable methods</th>
            <th scope="col">Methods required</th>
            <th scope="col">Approvers required</th>
          </tr>
        </thead>
        <tbody>
          {ACCESS_ACTIONS.flatMap((action) =>
            TARGET_TIERS.map((tier, i) => (
              <RuleRow
                key={`${action}.${tier}`}
                action={action}
                tier={tier}
                firstOfAction={i === 0}
                rule={rules[action][tier]}
                onChange={(rule) => setRule(action, tier, rule)}
                errors={errors}
              />
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}

interface RuleRowProps {
  action: keyof AccessPolicy['rules'];
  tier: TargetTier;
  firstOfAction: boolean;
  rule: TierRule;
  onChange: (rule: TierRule) => void;
  errors: FieldErrors;
}

function RuleRow({ action, tier, firstOfAction, rule, onChange, errors }: RuleRowProps) {
  const base = `policy.rules.${action}.${tier}`;
  const who = `${ACTION_NAMES[action]}, ${TIER_NAMES[tier].toLowerCase()} target`;
  // A refused method is reported at methods.<index>; the row shows it under the checkboxes.
  const methodsError = errors[`${base}.methods`] ?? Object.entries(errors).find(([k]) => k.startsWith(`${base}.methods.`))?.[1];
  const toggle = (method: VerificationMethod, on: boolean) =>
    onChange({ ...rule, methods: VERIFICATION_METHODS.filter((m) => (m === method ? on : rule.methods.includes(m))) });
  const id = `${action}-${tier}`;
  return (
    <tr data-testid="access-policy-rule" data-action={action} data-tier={tier}>
      {firstOfAction ? (
        <th scope="row" rowSpan={TARGET_TIERS.length}>
          <Text weight="medium">{ACTION_NAMES[action]}</Text>
        </th>
      ) : null}
      <th scope="row">{TIER_NAMES[tier]}</th>
      <td>
        <fieldset className="ds-fieldset ds-policy-methods" aria-describedby={methodsError ? `${id}-methods-error` : undefined}>
          <legend className="ds-visually-hidden">Acceptable methods: {who}</legend>
          <Flex gap="3" wrap="wrap">
            {VERIFICATION_METHODS.map((m) => (
              <Text as="label" size="1" className="ds-checkbox-label" key={m}>
                <Flex gap="1" align="center">
                  <Checkbox checked={rule.methods.includes(m)} onCheckedChange={(c) => toggle(m, c === true)} data-testid={`method-${action}-${tier}-${m}`} />
                  {METHOD_SHORT_NAMES[m]}
                </Flex>
              </Text>
            ))}
          </Flex>
          {methodsError ? (
            <Text id={`${id}-methods-error`} size="1" color="red" className="ds-field-error">
              {methodsError}
            </Text>
          ) : null}
        </fieldset>
      </td>
      <td>
        <CountInput
          id={`${id}-methods-required`}
          label={`Methods required: ${who}`}
          value={rule.methodsRequired}
          onChange={(n) => onChange({ ...rule, methodsRequired: n })}
          error={errors[`${base}.methodsRequired`]}
          testId={`methods-required-${action}-${tier}`}
        />
      </td>
      <td>
        <CountInput
          id={`${id}-approvers-required`}
          label={`Approvers required: ${who}`}
          value={rule.approversRequired}
          min={tier === 'privileged' ? 2 : 0}
          onChange={(n) => onChange({ ...rule, approversRequired: n })}
          error={errors[`${base}.approversRequired`]}
          testId={`approvers-required-${action}-${tier}`}
        />
      </td>
    </tr>
  );
}

interface CountInputProps {
  id: string;
  label: string;
  value: number;
  min?: number;
  onChange: (value: number) => void;
  error: string | undefined;
  testId: string;
}

/** A small number box in a table cell: its label is read out, its error sits right under it. */
function CountInput({ id, label, value, min = 0, onChange, error, testId }: CountInputProps) {
  return (
    <Flex direction="column" gap="1">
      <TextField.Root
        id={id}
        size="1"
        className="ds-policy-count"
        type="number"
        inputMode="numeric"
        min={min}
        max={5}
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        value={Number.isNaN(value) ? '' : String(value)}
        onChange={(e) => onChange(e.target.value.trim() === '' ? Number.NaN : Number(e.target.value))}
        data-testid={testId}
      />
      {error ? (
        <Text id={`${id}-error`} size="1" color="red" className="ds-field-error">
          {error}
        </Text>
      ) : null}
    </Flex>
  );
}
