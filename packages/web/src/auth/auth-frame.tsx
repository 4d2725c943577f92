import { Card, Flex, Heading, Text } from '@radix-ui/themes';
import type { ReactNode } from 'react';

/** The calm single-card page used before anyone is signed in. */
export function AuthFrame({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <main id="main" className="ds-auth">
      <Flex direction="column" gap="4" className="ds-auth-column">
        <Text size="5" weight="bold" className="ds-brand" as="p">
          Deskside
        </Text>
        <Card size="3">
          <Flex direction="column" gap="4">
            <Heading as="h1" size="5">
              {title}
            </Heading>
            {intro ? (
              <Text as="p" size="2" color="gray">
                {intro}
              </Text>
            ) : null}
            {children}
          </Flex>
        </Card>
      </Flex>
    </main>
  );
}
