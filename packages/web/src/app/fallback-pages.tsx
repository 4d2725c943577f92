import { Button, Callout, Flex, Heading, Text } from '@radix-ui/themes';
import { Link, type ErrorComponentProps } from '@tanstack/react-router';
import { problemSummary } from '../lib/problem';

export function NotFoundPage() {
  return (
    <main id="main" className="ds-page ds-narrow">
      <Flex direction="column" gap="3">
        <Heading as="h1">Page not found</Heading>
        <Text as="p">There is nothing at this address.</Text>
        <Link to="/">Go to the start page</Link>
      </Flex>
    </main>
  );
}

/** Shown when a page cannot load at all; the message never includes internals. */
export function RouteErrorPage({ error, reset }: ErrorComponentProps) {
  return (
    <main id="main" className="ds-page ds-narrow">
      <Flex direction="column" gap="3">
        <Heading as="h1">This page could not load</Heading>
        <Callout.Root color="red" role="alert">
          <Callout.Text>{problemSummary(error)}</Callout.Text>
        </Callout.Root>
        <Flex gap="3">
          <Button onClick={reset}>Try again</Button>
          <Button variant="soft" asChild>
            <Link to="/">Start page</Link>
          </Button>
        </Flex>
      </Flex>
    </main>
  );
}
