import { Button, Callout, Card, Flex, Heading, Text, TextArea, TextField } from '@radix-ui/themes';
import type { Problem, SignalRuleSetEvaluation, SignalRuleSetVersion, SignalRulesOverview } from '@deskside/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field } from '../components/field';
import { FormError } from '../components/form-error';
import { api, isApiError } from '../lib/api';
import { AdminPage } from './admin-tabs';
import './signal-rules-page.css';
import { EditConflict } from './edit-conflict';
import { EvaluationView, RulesInWords } from './signal-rules-text';
import { VersionHistory } from './version-history';

const rulesKey = ['admin', 'signal-rules'] as const;
const URL = '/api/v1/admin/signal-rules';

/** Social-engineering signal rules: what is in force, its history, and a draft checked on the corpus before it is published. */
export function SignalRulesPage() {
  const overview = useQuery({ queryKey: rulesKey, queryFn: () => api.request<SignalRulesOverview>('GET', URL) });
  const [saved, setSaved] = useState<string | null>(null);
  const active = overview.data?.active;
  return (
    <AdminPage title="Signal rules">
      <Text as="p" size="2" color="gray">
        The words and facts that make an access request look like social engineering, and the stricter checks they add.
        Every change is a new version; the newest is in force on every node at once, and old versions stay as they were.
      </Text>
      <FormError error={overview.error} />
      {saved ? (
        <Callout.Root color="green" role="status" size="1" data-testid="signal-rules-saved">
          <Callout.Text>{saved}</Callout.Text>
        </Callout.Root>
      ) : null}
      {active && overview.data ? (
        <>
          <Card size="2" data-testid="signal-rules-active">
            <Flex direction="column" gap="3">
              <Heading as="h2" size="4">
                In force: version {active.version}
                {active.builtIn ? ' (built-in)' : ''}
              </Heading>
              <RulesInWords ruleSet={active.ruleSet} />
            </Flex>
          </Card>
          {/* Keyed by version: a new version in force restarts the draft from it. */}
          <DraftEditor key={active.version} active={active} onPublished={(v) => setSaved(`Version ${v.version} is now in force.`)} />
          <History versions={overview.data.versions} />
        </>
      ) : null}
    </AdminPage>
  );
}

function History({ versions }: { versions: SignalRulesOverview['versions'] }) {
  return <VersionHistory testId="signal-rules" versions={versions.map((v) => ({ version: v.version, by: v.createdBy ?? null, at: v.createdAt ?? null, note: v.note, builtIn: v.builtIn }))} />;
}

/** The server's objections to a draft, one per field, shown beside the JSON. */
function DraftProblems({ error, jsonError }: { error: unknown; jsonError: string | null }) {
  const problem: Problem | null = isApiError(error) && (error.status === 422 || error.status === 400) ? error.problem : null;
  if (!jsonError && !problem?.errors?.length) return null;
  return (
    <Callout.Root color="red" role="alert" size="1" data-testid="draft-problems">
      <Flex direction="column" gap="1">
        {jsonError ? <Callout.Text>The draft is not valid JSON: {jsonError}</Callout.Text> : null}
        {problem?.errors?.map((e) => (
          <Callout.Text key={e.field + e.message}>
            <Text weight="medium">{e.field}</Text>: {e.message.replace(`${e.field}: `, '')}
          </Callout.Text>
        ))}
      </Flex>
    </Callout.Root>
  );
}

function DraftEditor({ active, onPublished }: { active: SignalRuleSetVersion; onPublished: (v: SignalRuleSetVersion) => void }) {
  const client = useQueryClient();
  const [text, setText] = useState(() => JSON.stringify(active.ruleSet, null, 2));
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>();
  const [jsonError, setJsonError] = useState<string | null>(null);
  const parsed = (): unknown => {
    try {
      const value: unknown = JSON.parse(text);
      setJsonError(null);
      return value;
    } catch (e) {
      setJsonError(e instanceof Error ? e.message : 'cannot be read');
      return undefined;
    }
  };
  const check = useMutation({
    mutationFn: (ruleSet: unknown) => api.request<SignalRuleSetEvaluation>('POST', `${URL}/evaluate`, { ruleSet }),
  });
  const publish = useMutation({
    mutationFn: (ruleSet: unknown) =>
      api.request<SignalRuleSetVersion>('POST', URL, { ruleSet, note: note.trim() }, { 'if-match': `"${active.version}"` }),
    onSuccess: (v) => {
      onPublished(v);
      void client.invalidateQueries({ queryKey: rulesKey });
    },
  });
  const conflict = isApiError(publish.error) && publish.error.status === 412;
  const runCheck = () => {
    publish.reset();
    const value = parsed();
    if (value !== undefined) check.mutate(value);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    check.reset();
    setNoteError(note.trim() ? undefined : 'Say why the rules change: the history is read by whoever tunes them next.');
    const value = parsed();
    if (value !== undefined && note.trim()) publish.mutate(value);
  };
  return (
    <Card size="3" asChild>
      <form onSubmit={submit} noValidate aria-label="Draft of the next version" data-testid="signal-rules-draft-form">
        <Flex direction="column" gap="3">
          <Heading as="h2" size="4">
            Draft of version {active.version + 1}
          </Heading>
          <Field label="Rules (JSON)" hint="Starts as the rules in force. Weights, phrases, levels and requirements are all here; the version number is set when you publish.">
            {(p) => (
              <TextArea {...p} value={text} onChange={(e) => setText(e.target.value)} rows={18} className="ds-rules-json" spellCheck={false} data-testid="signal-rules-draft" />
            )}
          </Field>
          <DraftProblems error={check.error ?? publish.error} jsonError={jsonError} />
          <Flex gap="3">
            <Button type="button" variant="soft" onClick={runCheck} loading={check.isPending} data-testid="check-signal-rules">
              Check against the corpus
            </Button>
          </Flex>
          {check.data ? <EvaluationView evaluation={check.data} /> : null}
          <Field label="Why this change" hint="Required; shown in the version history." error={noteError}>
            {(p) => <TextField.Root {...p} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} data-testid="signal-rules-note" />}
          </Field>
          {conflict ? (
            <EditConflict what="signal rules" onReload={() => void client.invalidateQueries({ queryKey: rulesKey })} reloading={false} />
          ) : isApiError(publish.error) && publish.error.status === 422 ? null : (
            <FormError error={publish.error} />
          )}
          <Flex gap="3">
            <Button type="submit" loading={publish.isPending} data-testid="publish-signal-rules">
              Publish version {active.version + 1}
            </Button>
          </Flex>
        </Flex>
      </form>
    </Card>
  );
}
