import { Badge, Button, Card, Code, Flex, Heading, Text, TextArea, TextField } from '@radix-ui/themes';
import { MailTemplateBody, type MailTemplate, type MailTemplateKind, type MailTemplateList } from '@deskside/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field } from '../components/field';
import { FormError } from '../components/form-error';
import { api } from '../lib/api';
import { type FieldErrors, fieldErrorsFrom, validateBody } from '../lib/problem';
import { AdminPage } from './admin-tabs';

const templatesKey = ['admin', 'mail-templates'] as const;

/** What each mail is for, in the words an admin would look for. */
const KIND_WORDS: Record<MailTemplateKind, { title: string; when: string }> = {
  acknowledgement: { title: 'We are on it', when: 'Sent when an agent acknowledges a ticket.' },
  reply: { title: 'Reply from IT support', when: 'Sent with every public reply an agent writes.' },
  pending_on_you: { title: 'We need something from you', when: 'Sent when a ticket waits on the requester.' },
  restored: { title: 'Working again', when: 'Sent when service is restored, with the workaround.' },
  resolved: { title: 'Fixed — please confirm', when: 'Sent on resolution, with the links to confirm or reopen.' },
};

/** The mails requesters receive: built-in wording, or the desk's own with {{placeholders}}. */
export function MailTemplatesPage() {
  const templates = useQuery({
    queryKey: templatesKey,
    queryFn: () => api.request<MailTemplateList>('GET', '/api/v1/admin/mail-templates').then((r) => r.items),
  });
  const [editing, setEditing] = useState<MailTemplateKind | null>(null);
  return (
    <AdminPage title="Mail templates">
      <Text as="p" size="2" color="gray">
        What requesters receive by e-mail. Each mail uses the built-in wording until you write your own. Values go in
        with {'{{placeholders}}'}; they are always inserted as plain text, never as markup.
      </Text>
      <FormError error={templates.error} />
      {templates.data?.map((t) =>
        editing === t.kind ? (
          <TemplateForm key={t.kind} template={t} onDone={() => setEditing(null)} />
        ) : (
          <TemplateCard key={t.kind} template={t} onEdit={() => setEditing(t.kind)} />
        ),
      )}
    </AdminPage>
  );
}

function Placeholders({ names }: { names: readonly string[] }) {
  return (
    <Flex gap="2" wrap="wrap" aria-label="Placeholders this mail may use">
      {names.map((n) => (
        <Code key={n} size="1" variant="soft">{`{{${n}}}`}</Code>
      ))}
    </Flex>
  );
}

function TemplateCard({ template, onEdit }: { template: MailTemplate; onEdit: () => void }) {
  const words = KIND_WORDS[template.kind];
  return (
    <Card size="2" data-testid="mail-template" data-kind={template.kind}>
      <Flex direction="column" gap="2">
        <Flex justify="between" align="center" gap="3">
          <Heading as="h2" size="3">
            {words.title}
          </Heading>
          <Flex gap="2" align="center">
            {template.custom ? <Badge color="indigo">Our wording</Badge> : <Badge color="gray">Built-in wording</Badge>}
            <Button size="1" variant="soft" onClick={onEdit} aria-label={`Edit ${words.title}`} data-testid="edit-template">
              Edit
            </Button>
          </Flex>
        </Flex>
        <Text size="2" color="gray">
          {words.when}
        </Text>
        {template.custom ? (
          <Text size="2">
            Subject: <Text weight="medium">{template.subject}</Text>
          </Text>
        ) : null}
      </Flex>
    </Card>
  );
}

function TemplateForm({ template, onDone }: { template: MailTemplate; onDone: () => void }) {
  const client = useQueryClient();
  const words = KIND_WORDS[template.kind];
  const [subject, setSubject] = useState(template.subject ?? '');
  const [text, setText] = useState(template.text ?? '');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const url = `/api/v1/admin/mail-templates/${template.kind}`;
  const save = useMutation({
    mutationFn: (body: MailTemplateBody | null) => api.request<MailTemplateList>(body ? 'PUT' : 'DELETE', url, body ?? undefined),
    onSuccess: (list) => {
      client.setQueryData(templatesKey, list.items);
      onDone();
    },
  });
  const errors = { ...clientErrors, ...fieldErrorsFrom(save.error) };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = validateBody(MailTemplateBody, { subject, text });
    setClientErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) save.mutate(checked.data);
  };
  return (
    <Card size="3" asChild>
      <form onSubmit={submit} noValidate aria-label={`Edit ${words.title}`} data-testid="template-form">
        <Flex direction="column" gap="3">
          <Heading as="h2" size="4">
            {words.title}
          </Heading>
          <Text size="2" color="gray">
            {words.when}
          </Text>
          <Placeholders names={template.placeholders} />
          <Field label="Subject" hint="One line. Include {{ticketNumber}} so people can find the ticket in their inbox." error={errors.subject}>
            {(p) => <TextField.Root {...p} value={subject} onChange={(e) => setSubject(e.target.value)} data-testid="template-subject" />}
          </Field>
          <Field label="Text" hint="Plain text; the HTML version is made from it." error={errors.text}>
            {(p) => <TextArea {...p} rows={10} value={text} onChange={(e) => setText(e.target.value)} data-testid="template-text" />}
          </Field>
          <FormError error={errors.subject || errors.text ? null : save.error} />
          <Flex gap="3">
            <Button type="submit" loading={save.isPending && save.variables !== null} data-testid="save-template">
              Save our wording
            </Button>
            {template.custom ? (
              <Button type="button" variant="soft" color="gray" onClick={() => save.mutate(null)} data-testid="reset-template">
                Back to the built-in wording
              </Button>
            ) : null}
            <Button type="button" variant="soft" color="gray" onClick={onDone}>
              Cancel
            </Button>
          </Flex>
        </Flex>
      </form>
    </Card>
  );
}
