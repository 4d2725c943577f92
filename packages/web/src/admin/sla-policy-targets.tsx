import { Text, TextField } from '@radix-ui/themes';
import { PRIORITIES, SLA_TARGETS, type Priority, type SlaPolicyTargets, type SlaTargetName } from '@deskside/shared';
import type { FieldErrors } from '../lib/problem';
import { formatDuration, parseDuration, TARGET_LABELS } from './sla-policy-text';

/** The targets as typed: "4h", "30m" or empty, per priority and clock. */
export type TargetsDraft = Record<Priority, Record<SlaTargetName, string>>;

export function targetsDraftOf(targets: SlaPolicyTargets): TargetsDraft {
  const row = (p: Priority) => Object.fromEntries(SLA_TARGETS.map((t) => [t, formatDuration(targets[p][t])])) as Record<SlaTargetName, string>;
  return { P1: row('P1'), P2: row('P2'), P3: row('P3'), P4: row('P4') };
}

/** Minutes per cell, or the cells that could not be read with what is wrong with them. */
export function parseTargets(draft: TargetsDraft): { targets: SlaPolicyTargets; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const row = (p: Priority) =>
    Object.fromEntries(
      SLA_TARGETS.map((t) => {
        const parsed = parseDuration(draft[p][t]);
        if (!parsed.ok) errors[`targets.${p}.${t}`] = parsed.message;
        return [t, parsed.ok ? parsed.minutes : null];
      }),
    ) as Record<SlaTargetName, number | null>;
  return { targets: { P1: row('P1'), P2: row('P2'), P3: row('P3'), P4: row('P4') }, errors };
}

const HINTS: Record<SlaTargetName, string> = {
  firstResponse: 'until someone first answers',
  nextUpdate: 'longest silence while open',
  restore: 'until the person can work',
  resolve: 'until the cause is dealt with',
};

/** A priority-by-clock grid of target inputs, each with its own error below it. */
export function SlaPolicyTargets({ draft, onChange, errors }: { draft: TargetsDraft; onChange: (d: TargetsDraft) => void; errors: FieldErrors }) {
  const set = (p: Priority, t: SlaTargetName, value: string) => onChange({ ...draft, [p]: { ...draft[p], [t]: value } });
  return (
    <div className="ds-table-wrap">
      <table className="ds-table ds-targets" data-testid="targets-editor">
        <caption className="ds-visually-hidden">Targets in business time for each priority</caption>
        <thead>
          <tr>
            <th scope="col">Priority</th>
            {SLA_TARGETS.map((t) => (
              <th scope="col" key={t}>
                {TARGET_LABELS[t]}
                <Text as="div" size="1" color="gray" weight="regular" className="ds-target-hint">
                  {HINTS[t]}
                </Text>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PRIORITIES.map((p) => (
            <tr key={p}>
              <th scope="row">
                <Text weight="medium">{p}</Text>
              </th>
              {SLA_TARGETS.map((t) => {
                const key = `targets.${p}.${t}`;
                const error = errors[key];
                const errorId = `target-${p}-${t}-error`;
                return (
                  <td key={t}>
                    <TextField.Root
                      className="ds-target-input"
                      aria-label={`${p} ${TARGET_LABELS[t].toLowerCase()} target`}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `targets-hint ${errorId}` : 'targets-hint'}
                      value={draft[p][t]}
                      onChange={(e) => set(p, t, e.target.value)}
                      autoComplete="off"
                      data-testid={`target-${p}-${t}`}
                    />
                    {error ? (
                      <Text as="div" id={errorId} size="1" color="red" className="ds-field-error">
                        {error}
                      </Text>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
