import { Box, Button, Flex, Link as RadixLink, Text } from '@radix-ui/themes';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { DemoBanner } from '../components/demo-banner';
import { NotificationBell } from '../components/notification-bell';
import { api, isStaffRole } from '../lib/api';
import { useMe } from '../lib/session';
import { useLiveUpdates } from '../lib/use-live-updates';

const ROLE_WORDS = { requester: 'Requester', agent: 'Agent', lead: 'Team lead', admin: 'Admin' } as const;

/** The frame of every signed-in page: skip link, banner, navigation, main landmark. */
export function AppShell() {
  const me = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [leaving, setLeaving] = useState(false);
  useLiveUpdates();
  const staff = isStaffRole(me.user.role);

  const signOut = async () => {
    setLeaving(true);
    try {
      await api.logout();
    } finally {
      client.clear();
      await navigate({ to: '/login' });
    }
  };

  return (
    <div className="ds-app">
      <a className="ds-skip-link" href="#main">
        Skip to content
      </a>
      {me.demo ? <DemoBanner /> : null}
      <header className="ds-header">
        <Flex align="center" gap="5" className="ds-header-inner">
          <Link to={staff ? '/desk' : '/portal'} className="ds-brand">
            Deskside
          </Link>
          <nav aria-label="Main">
            <ul className="ds-nav">
              {staff ? (
                <>
                  <li>
                    <Link to="/desk" activeOptions={{ exact: true, includeSearch: false }}>
                      Queue
                    </Link>
                  </li>
                  <li>
                    <Link to="/desk/new">New ticket</Link>
                  </li>
                </>
              ) : null}
              <li>
                <Link to="/portal" activeOptions={{ exact: true }}>
                  {staff ? 'My requests' : 'My tickets'}
                </Link>
              </li>
              <li>
                <Link to="/portal/new">Report a problem</Link>
              </li>
              <li>
                <Link to="/approvals">Approvals</Link>
              </li>
              {me.user.role === 'admin' ? (
                <li>
                  <Link to="/admin">Admin</Link>
                </li>
              ) : null}
            </ul>
          </nav>
          <Flex align="center" gap="3" ml="auto">
            {staff ? <NotificationBell /> : null}
            <Text size="2" data-testid="signed-in-as">
              {me.user.name}{' '}
              <Text color="gray" size="1">
                ({ROLE_WORDS[me.user.role]})
              </Text>
            </Text>
            <RadixLink asChild size="2" color="gray">
              <Link to="/account/security" data-testid="account-security-link">
                Security
              </Link>
            </RadixLink>
            <Button variant="soft" color="gray" size="1" onClick={() => void signOut()} disabled={leaving}>
              Sign out
            </Button>
          </Flex>
        </Flex>
      </header>
      <Box asChild className="ds-main">
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </Box>
    </div>
  );
}
