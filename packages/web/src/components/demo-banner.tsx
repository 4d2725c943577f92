import { Text } from '@radix-ui/themes';

/** Shown across the top of a demo desk so nobody mistakes sample tickets for real ones. */
export function DemoBanner() {
  return (
    <div role="status" className="ds-demo-banner" data-testid="demo-banner">
      <Text size="2" weight="medium">
        Demo desk: sample people and tickets, not real data
      </Text>
    </div>
  );
}
