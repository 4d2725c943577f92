import { Button, Card, Flex, Heading, RadioGroup, Text, TextArea, TextField } from '@radix-ui/themes';
import { ReportProblemBody, type TicketType } from '@deskside/shared';
import { type FormEvent, useId, useState } from 'react';
import { Field } from '../components/field';
import { FormError } from '../components/form-error';
import { type TriageAnswers, TriageQuestions } from '../components/triage-questions';
import { api } from '../lib/api';
import { useCreateTicket } from '../lib/use-create-ticket';
import { type FieldErrors, fieldErrorsFrom, validateBody } from '../lib/problem';

/** The requester's way in: say what is wrong in their own words and answer two plain questions. */
export function ReportProblemPage() {
  const id = useId();
  const [type, setType] = useState<TicketType>('incident');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [answers, setAnswers] = useState<TriageAnswers>({ workStopped: '', whoAffected: '' });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});

  const report = useCreateTicket((body: ReportProblemBody, key) => api.reportProblem(body, key), 'portal');
  const errors = { ...clientErrors, ...fieldErrorsFrom(report.error) };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = validateBody(ReportProblemBody, { type, subject, description, ...answers });
    const next: FieldErrors = checked.ok ? {} : { ...checked.errors };
    if (!answers.workStopped) next.workStopped = 'Please choose one';
    if (!answers.whoAffected) next.whoAffected = 'Please choose one';
    setClientErrors(next);
    if (checked.ok && Object.keys(next).length === 0) report.mutate(checked.data);
    else report.reset();
  };

  return (
    <Flex direction="column" gap="4" className="ds-page ds-narrow">
      <Heading as="h1" size="6">
        Report a problem
      </Heading>
      <Text as="p" color="gray">
        Tell us what is going on. We will confirm we understood and tell you when to expect the next update.
      </Text>
      <Card size="3">
        <form onSubmit={submit} noValidate aria-label="Report a problem">
          <Flex direction="column" gap="4">
            <Flex direction="column" gap="2">
              <Text id={`${id}-type`} size="2" weight="medium">
                What kind of request is it?
              </Text>
              <RadioGroup.Root value={type} onValueChange={(v) => setType(v as TicketType)} aria-labelledby={`${id}-type`}>
                <RadioGroup.Item value="incident">Something is broken or not working</RadioGroup.Item>
                <RadioGroup.Item value="service_request">I need something (access, equipment, software)</RadioGroup.Item>
              </RadioGroup.Root>
            </Flex>
            <Field
              label="In a few words, what is wrong?"
              hint="For example: Cannot print to the second-floor printer"
              error={errors.subject}
            >
              {(p) => (
                <TextField.Root {...p} value={subject} onChange={(e) => setSubject(e.target.value)} data-testid="subject" />
              )}
            </Field>
            <Field
              label="Tell us more"
              hint="What were you doing, what did you see (copy any error message), and since when?"
              error={errors.description}
            >
              {(p) => (
                <TextArea
                  {...p}
                  rows={6}
                  value={description}
                  onChange={(e) => setDescription(e.target.value)}
                  data-testid="description"
                />
              )}
            </Field>
            <TriageQuestions value={answers} onChange={setAnswers} errors={errors} />
            <FormError error={report.error} />
            <Flex>
              <Button type="submit" size="3" loading={report.isPending} data-testid="submit-report">
                Send to IT support
              </Button>
            </Flex>
          </Flex>
        </form>
      </Card>
    </Flex>
  );
}
