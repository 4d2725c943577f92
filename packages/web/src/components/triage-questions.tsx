import { Flex, RadioGroup, Text } from '@radix-ui/themes';
import {
  WHO_AFFECTED_ANSWERS,
  WHO_AFFECTED_LABELS,
  WORK_STOPPED_ANSWERS,
  WORK_STOPPED_LABELS,
  type WhoAffectedAnswer,
  type WorkStoppedAnswer,
} from '@deskside/shared';
import { useId } from 'react';

interface QuestionProps<T extends string> {
  question: string;
  answers: readonly T[];
  labels: Record<T, string>;
  value: T | '';
  onChange: (value: T) => void;
  error?: string | undefined;
  testId: string;
}

function Question<T extends string>({ question, answers, labels, value, onChange, error, testId }: QuestionProps<T>) {
  const id = useId();
  return (
    <Flex direction="column" gap="2" role="group" aria-labelledby={`${id}-q`}>
      <Text id={`${id}-q`} size="2" weight="medium">
        {question}
      </Text>
      <RadioGroup.Root
        value={value}
        onValueChange={(v) => onChange(v as T)}
        aria-labelledby={`${id}-q`}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid={testId}
      >
        {answers.map((a) => (
          <RadioGroup.Item key={a} value={a}>
            {labels[a]}
          </RadioGroup.Item>
        ))}
      </RadioGroup.Root>
      {error ? (
        <Text id={`${id}-error`} size="1" color="red">
          {error}
        </Text>
      ) : null}
    </Flex>
  );
}

export interface TriageAnswers {
  workStopped: WorkStoppedAnswer | '';
  whoAffected: WhoAffectedAnswer | '';
}

/** The two plain questions that stand in for impact and urgency. */
export function TriageQuestions({
  value,
  onChange,
  errors = {},
  forCaller = false,
}: {
  value: TriageAnswers;
  onChange: (value: TriageAnswers) => void;
  errors?: Record<string, string>;
  forCaller?: boolean;
}) {
  return (
    <Flex direction="column" gap="4">
      <Question
        question={forCaller ? 'Is this stopping their work completely?' : 'Is this stopping your work completely?'}
        answers={WORK_STOPPED_ANSWERS}
        labels={WORK_STOPPED_LABELS}
        value={value.workStopped}
        onChange={(workStopped) => onChange({ ...value, workStopped })}
        error={errors.workStopped}
        testId="question-work-stopped"
      />
      <Question
        question="Who else is affected?"
        answers={WHO_AFFECTED_ANSWERS}
        labels={WHO_AFFECTED_LABELS}
        value={value.whoAffected}
        onChange={(whoAffected) => onChange({ ...value, whoAffected })}
        error={errors.whoAffected}
        testId="question-who-affected"
      />
    </Flex>
  );
}
