import { Callout } from '@radix-ui/themes';
import { Link } from '@tanstack/react-router';
import { FormError } from '../../components/form-error';
import { needsRecentMfa } from './access-api';

/** The API's refusal; a missing recent two-factor sign-in gets a way to fix it. */
export function AccessError({ error }: { error: unknown }) {
  if (!error) return null;
  if (!needsRecentMfa(error)) return <FormError error={error} />;
  return (
    <Callout.Root color="amber" role="alert" size="1" data-testid="access-needs-mfa">
      <Callout.Text>
        {error instanceof Error ? error.message : ''} Identity actions need a two-factor sign-in in this session within the last
        12 hours. <Link to="/account/security">Go to your account security page</Link>, confirm a code, then come back.
      </Callout.Text>
    </Callout.Root>
  );
}
