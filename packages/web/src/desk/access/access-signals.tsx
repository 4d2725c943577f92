import type { AccessRequestView } from '@deskside/shared';
import { Badge, Flex, Heading, Text } from '@radix-ui/themes';

const LEVEL_WORDS: Record<string, string> = {
  low: 'Nothing that asks for more checks',
  elevated: 'Warning signs: take extra care',
  high: 'Strong warning signs: this may be social engineering',
};

/** What in the request looked like pressure or deception, with the words that showed it. */
export function AccessSignals({ view }: { view: AccessRequestView }) {
  const { level, items } = view.signals;
  const raised = level === 'elevated' || level === 'high';
  return (
    <section aria-labelledby={`signals-${view.id}`} className="ds-access-signals" data-level={level} data-testid="access-signals">
      <Flex direction="column" gap="2">
        <Flex align="center" gap="2">
          <Heading as="h4" size="2" id={`signals-${view.id}`}>Warning signs</Heading>
          <Badge color={level === 'high' ? 'red' : raised ? 'amber' : 'green'} data-testid="signal-level">{level}</Badge>
        </Flex>
        <Text size="2" weight={raised ? 'bold' : 'regular'}>
          {level === 'low' && items.length === 0 ? 'No warning signs found' : (LEVEL_WORDS[level] ?? level)}
        </Text>
        {items.length > 0 ? (
          <ul className="ds-access-list">
            {items.map((s, i) => (
              <li key={`${s.label}-${i}`} data-testid="signal-item">
                <Text size="2" weight="medium">{s.label}</Text>
                <Text size="1" color="gray"> — {s.evidence}</Text>
              </li>
            ))}
          </ul>
        ) : null}
      </Flex>
    </section>
  );
}
