import { Flex, Text } from '@radix-ui/themes';

/**
 * A pool's seats as one bar: used in colour, free in grey, so a full pool is seen before it is
 * read. Drawn in SVG (attributes, not inline styles: the CSP forbids those).
 */
export function SeatUsageBar({ used, total, label }: { used: number; total: number; label: string }) {
  const free = Math.max(0, total - used);
  const share = total === 0 ? 0 : Math.min(1, used / total);
  const tone = total === 0 || free === 0 ? 'full' : share >= 0.8 ? 'tight' : 'ok';
  const words = total === 0 ? 'No seats' : `${used} of ${total} seats in use, ${free} free`;
  return (
    <Flex direction="column" gap="1" className="ds-seat-usage" data-testid="seat-usage" data-used={used} data-total={total}>
      <svg className="ds-seat-bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label={`${label}: ${words}`}>
        <rect className="ds-seat-bar-free" x="0" y="0" width="100" height="10" rx="2" />
        {share > 0 ? <rect className={`ds-seat-bar-used ds-seat-bar-${tone}`} x="0" y="0" width={share * 100} height="10" rx="2" /> : null}
      </svg>
      <Text size="1" color={tone === 'full' ? 'red' : 'gray'} aria-hidden="true">
        {total === 0 ? 'No seats' : `${used} used · ${free} free of ${total}`}
      </Text>
    </Flex>
  );
}
