import { Flex, Heading } from '@radix-ui/themes';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';

const TABS = [
  { to: '/admin/people', label: 'People' },
  { to: '/admin/settings', label: 'Desk settings' },
  { to: '/admin/calendars', label: 'Calendars' },
  { to: '/admin/sla-policies', label: 'SLA policies' },
  { to: '/admin/mail-templates', label: 'Mail templates' },
  { to: '/admin/jobs', label: 'Background jobs' },
  { to: '/admin/mail-inbound', label: 'Inbound mail' },
  { to: '/admin/mail-quarantine', label: 'Mail quarantine' },
  { to: '/admin/directory', label: 'Directory' },
  { to: '/admin/signal-rules', label: 'Signal rules' },
  { to: '/admin/access-policy', label: 'Access policy' },
  { to: '/admin/licenses', label: 'Licences' },
] as const;

/** The admin area's page frame: its title and the tabs between admin pages. */
export function AdminPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Flex direction="column" gap="4" className="ds-page ds-medium">
      <nav aria-label="Administration">
        <ul className="ds-tabs">
          {TABS.map((t) => (
            <li key={t.to}>
              <Link to={t.to}>{t.label}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <Heading as="h1" size="6">
        {title}
      </Heading>
      {children}
    </Flex>
  );
}
