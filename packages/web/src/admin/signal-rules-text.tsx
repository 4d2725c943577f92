import { Badge, Code, Flex, Text } from '@radix-ui/themes';
import type { ChangedVerdict, CorpusMeasure, SignalRule, SignalRuleSet, SignalRuleSetEvaluation } from '@deskside/shared';

const FIELD_WORDS: Record<string, string> = {
  contactChangedDaysAgo: 'days since the contact details of record changed',
  previousAttemptsLast24h: 'earlier requests for the account in 24 hours',
  mfaResetsLast24h: 'MFA resets of the account in 24 hours',
  targetPrivileged: 'the account is privileged',
};
const SHOWN_PHRASES = 6;

/** What makes a rule fire, in words an admin reads without knowing the JSON. */
export function triggerInWords(rule: SignalRule): string {
  if (rule.kind === 'text') {
    if (rule.match.kind === 'pattern') return `Text matching the pattern ${rule.match.source}`;
    const phrases = rule.match.phrases;
    const shown = phrases.slice(0, SHOWN_PHRASES).map((p) => `"${p}"`).join(', ');
    const more = phrases.length > SHOWN_PHRASES ? ` and ${phrases.length - SHOWN_PHRASES} more` : '';
    return `Words such as ${shown}${more}${rule.match.negatable ? ' (not when negated: "no rush")' : ''}`;
  }
  if (rule.kind === 'combination') return `Signals of at least ${rule.atLeast} of: ${rule.categories.join(', ')}`;
  const w = rule.when;
  if (w.type === 'is-true') return `When ${FIELD_WORDS[w.field] ?? w.field}`;
  if (w.type === 'at-least') return `When ${FIELD_WORDS[w.field] ?? w.field} is at least ${w.value}`;
  if (w.type === 'at-most') return `When ${FIELD_WORDS[w.field] ?? w.field} is at most ${w.value}`;
  return `Outside ${w.fromHour}:00–${w.untilHour}:00 on ${w.days.join(', ') || 'no day'}`;
}

/** The active rules: label, category, weight, trigger and the stricter requirement. */
export function RulesInWords({ ruleSet }: { ruleSet: SignalRuleSet }) {
  const requirement = new Map(ruleSet.requirements.map((r) => [r.id, r.label]));
  const required = (ids: string[]) => (ids.length ? ids.map((id) => requirement.get(id) ?? id).join('; ') : 'Adds to the score only');
  return (
    <Flex direction="column" gap="2">
      <Text size="2" color="gray">
        Elevated from a score of {ruleSet.levels.elevated.atScore} ({required(ruleSet.levels.elevated.requires)}); high from{' '}
        {ruleSet.levels.high.atScore} ({required(ruleSet.levels.high.requires)}).
      </Text>
      <div className="ds-table-wrap"><table className="ds-table">
        <thead>
          <tr>
            <th scope="col">Signal</th>
            <th scope="col">Category</th>
            <th scope="col">Weight</th>
            <th scope="col">What triggers it</th>
            <th scope="col">Stricter requirement</th>
          </tr>
        </thead>
        <tbody>
          {ruleSet.rules.map((rule) => (
            <tr key={rule.id} data-testid="signal-rule" data-rule={rule.id}>
              <th scope="row">{rule.label}</th>
              <td>
                <Badge color="gray">{rule.category}</Badge>
              </td>
              <td data-testid="signal-rule-weight">{rule.weight}</td>
              <td>{triggerInWords(rule)}</td>
              <td>{required(rule.requires)}</td>
            </tr>
          ))}
        </tbody>
      </table></div>
    </Flex>
  );
}

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

function MeasureCells({ m }: { m: CorpusMeasure }) {
  return (
    <>
      <td>{pct(m.precision)}</td>
      <td>{pct(m.recall)}</td>
      <td>{m.misses.length ? m.misses.join(', ') : 'none'}</td>
    </>
  );
}

function ChangedRow({ c }: { c: ChangedVerdict }) {
  return (
    <tr data-testid="changed-verdict" data-id={c.id}>
      <th scope="row">
        <Code size="1">{c.id}</Code> <Badge color={c.label === 'hostile' ? 'red' : 'green'}>{c.label}</Badge>
      </th>
      <td>
        {c.before.level} ({c.before.score}) → {c.after.level} ({c.after.score})
      </td>
      <td>{c.nowCorrect ? <Badge color="green">now right</Badge> : <Badge color="red">now wrong</Badge>}</td>
      <td>
        <Text size="1">{c.text}</Text>
      </td>
    </tr>
  );
}

/** Precision and recall of the draft next to the rules in force, and what changed. */
export function EvaluationView({ evaluation }: { evaluation: SignalRuleSetEvaluation }) {
  const parts = [
    ['Tuning (the rules were written against these)', 'tuning'],
    ['Hold-out (written after, never tuned on)', 'holdout'],
    ['All', 'all'],
  ] as const;
  return (
    <Flex direction="column" gap="3" data-testid="signal-rules-evaluation">
      <div className="ds-table-wrap"><table className="ds-table">
        <thead>
          <tr>
            <th scope="col">Corpus</th>
            <th scope="col">Rules</th>
            <th scope="col">Precision</th>
            <th scope="col">Recall</th>
            <th scope="col">Wrong</th>
          </tr>
        </thead>
        <tbody>
          {parts.flatMap(([words, key]) => [
            <tr key={`${key}-draft`} data-testid={`measure-${key}-draft`}>
              <th scope="row">
                {words} ({evaluation.draft[key].requests})
              </th>
              <td>Draft</td>
              <MeasureCells m={evaluation.draft[key]} />
            </tr>,
            <tr key={`${key}-active`}>
              <th scope="row" />
              <td>Version {evaluation.comparedWithVersion}</td>
              <MeasureCells m={evaluation.active[key]} />
            </tr>,
          ])}
        </tbody>
      </table></div>
      {evaluation.changed.length === 0 ? (
        <Text size="2" data-testid="no-changed-verdicts">
          No request in the corpus changes level.
        </Text>
      ) : (
        <div className="ds-table-wrap"><table className="ds-table">
          <thead>
            <tr>
              <th scope="col">Request</th>
              <th scope="col">Level (score)</th>
              <th scope="col">Verdict</th>
              <th scope="col">Text</th>
            </tr>
          </thead>
          <tbody>
            {evaluation.changed.map((c) => (
              <ChangedRow key={c.id} c={c} />
            ))}
          </tbody>
        </table></div>
      )}
    </Flex>
  );
}
