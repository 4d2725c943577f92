import { Callout } from '@radix-ui/themes';
import { problemSummary } from '../lib/problem';

/** The reason a form was refused, read out as soon as it appears. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <Callout.Root color="red" role="alert" size="1" data-testid="form-error">
      <Callout.Text>{problemSummary(error)}</Callout.Text>
    </Callout.Root>
  );
}
