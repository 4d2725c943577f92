import { Callout, Flex, Heading, Text } from '@radix-ui/themes';
import { Link } from '@tanstack/react-router';
import { isApiError } from '../lib/api';
import { problemSummary } from '../lib/problem';

/** Loading and failure states for a page that shows one thing. */
export function PageState({ error, backTo, backLabel }: { error: unknown; backTo: string; backLabel: string }) {
  if (!error) return <Text color="gray">Loading…</Text>;
  const missing = isApiError(error, 404);
  return (
    <Flex direction="column" gap="3" className="ds-narrow">
      <Heading as="h1" size="5">
        {missing ? 'Ticket not found' : 'This ticket could not load'}
      </Heading>
      <Callout.Root color={missing ? 'gray' : 'red'} role="alert">
        <Callout.Text>
          {missing ? 'There is no ticket with this number, or it is not yours to see.' : problemSummary(error)}
        </Callout.Text>
      </Callout.Root>
      <Link to={backTo}>{backLabel}</Link>
    </Flex>
  );
}
