import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from '@tanstack/react-router';
import { LoginPage } from '../auth/login-page';
import { SetupPage } from '../auth/setup-page';
import { PasswordResetPage } from '../auth/password-reset-page';
import { AccessVerificationPage } from '../auth/access-verification-page';
import { isApiError, homePathFor, isStaffRole } from '../lib/api';
import { meQuery } from '../lib/session';
import { AppShell } from './app-shell';
import { NotFoundPage, RouteErrorPage } from './fallback-pages';
import { validateQueueSearch, validateRedirectSearch, validateTokenSearch } from './search-params';

export interface RouterContext {
  queryClient: QueryClient;
}

// Pages load on first visit: a requester's browser never downloads the agent desk.
const rootRoute = createRootRouteWithContext<RouterContext>()({
  notFoundComponent: NotFoundPage,
  errorComponent: RouteErrorPage,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'login',
  validateSearch: validateRedirectSearch,
  component: LoginPage,
});

const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'setup',
  validateSearch: validateTokenSearch,
  component: SetupPage,
});

/** The user's own page for a reset link; no sign-in (the token is in the #fragment, never sent to the server). */
const passwordResetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'reset',
  component: PasswordResetPage,
});

/** The person's own answer to an identity-action confirmation link; no sign-in (token in the #fragment). */
const accessVerificationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'verify',
  component: AccessVerificationPage,
});

/** Everything below needs a session; without one the person is sent to sign in and brought back. */
const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: async ({ context, location }) => {
    try {
      return { me: await context.queryClient.ensureQueryData(meQuery) };
    } catch (error) {
      if (isApiError(error, 401)) throw redirect({ to: '/login', search: { redirect: location.href } });
      throw error;
    }
  },
  component: AppShell,
});

const homeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/',
  beforeLoad: ({ context }) => {
    throw redirect({ to: homePathFor(context.me) });
  },
});

const deskRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'desk',
  beforeLoad: ({ context, location }) => {
    if (isStaffRole(context.me.user.role)) return;
    // A requester following a desk link to their own ticket lands on its portal page.
    const number = /^\/desk\/tickets\/([^/]+)$/.exec(location.pathname)?.[1];
    if (number) throw redirect({ to: '/portal/tickets/$number', params: { number: decodeURIComponent(number) } });
    throw redirect({ to: '/portal' });
  },
});

const queueRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: '/',
  validateSearch: validateQueueSearch,
  component: lazyRouteComponent(() => import('../desk/queue-page'), 'QueuePage'),
});

const newTicketRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: 'new',
  component: lazyRouteComponent(() => import('../desk/new-ticket-page'), 'NewTicketPage'),
});

const deskTicketRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: 'tickets/$number',
  component: lazyRouteComponent(() => import('../desk/desk-ticket-page'), 'DeskTicketPage'),
});

const portalRoute = createRoute({ getParentRoute: () => signedInRoute, path: 'portal' });
const myTicketsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/',
  component: lazyRouteComponent(() => import('../portal/my-tickets-page'), 'MyTicketsPage'),
});
const reportRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'new',
  component: lazyRouteComponent(() => import('../portal/report-problem-page'), 'ReportProblemPage'),
});
const portalTicketRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'tickets/$number',
  component: lazyRouteComponent(() => import('../portal/portal-ticket-page'), 'PortalTicketPage'),
});

const accountSecurityRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'account/security',
  component: lazyRouteComponent(() => import('../account/security-page'), 'SecurityPage'),
});

/** A manager's approvals of identity actions on their reports' accounts, in their own session (staff or not). */
const managerApprovalsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'approvals',
  component: lazyRouteComponent(() => import('../approvals/manager-approvals-page'), 'ManagerApprovalsPage'),
});

const adminRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'admin',
  beforeLoad: ({ context }) => {
    if (context.me.user.role !== 'admin') throw redirect({ to: homePathFor(context.me) });
  },
});
const adminHomeRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/admin/people' });
  },
});
const adminPeopleRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'people',
  component: lazyRouteComponent(() => import('../admin/people-page'), 'PeoplePage'),
});
const adminSettingsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'settings',
  component: lazyRouteComponent(() => import('../admin/admin-settings-page'), 'AdminSettingsPage'),
});
const adminCalendarsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'calendars',
  component: lazyRouteComponent(() => import('../admin/calendars-page'), 'CalendarsPage'),
});
const adminSlaPoliciesRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'sla-policies',
  component: lazyRouteComponent(() => import('../admin/sla-policies-page'), 'SlaPoliciesPage'),
});
const adminMailTemplatesRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'mail-templates',
  component: lazyRouteComponent(() => import('../admin/mail-templates-page'), 'MailTemplatesPage'),
});
const adminJobsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'jobs',
  component: lazyRouteComponent(() => import('../admin/jobs-page'), 'JobsPage'),
});
const adminMailQuarantineRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'mail-quarantine',
  component: lazyRouteComponent(() => import('../admin/mail-quarantine-page'), 'MailQuarantinePage'),
});
const adminMailInboundRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'mail-inbound',
  component: lazyRouteComponent(() => import('../admin/mail-mailboxes-page'), 'MailMailboxesPage'),
});
const adminDirectoryRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'directory',
  component: lazyRouteComponent(() => import('../admin/directory-page'), 'DirectoryPage'),
});
const adminSignalRulesRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'signal-rules',
  component: lazyRouteComponent(() => import('../admin/signal-rules-page'), 'SignalRulesPage'),
});
const adminAccessPolicyRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'access-policy',
  component: lazyRouteComponent(() => import('../admin/access-policy-page'), 'AccessPolicyPage'),
});
const adminLicensesRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'licenses',
  component: lazyRouteComponent(() => import('../admin/license-pools-page'), 'LicensePoolsPage'),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  setupRoute,
  passwordResetRoute,
  accessVerificationRoute,
  signedInRoute.addChildren([
    homeRoute,
    deskRoute.addChildren([queueRoute, newTicketRoute, deskTicketRoute]),
    portalRoute.addChildren([myTicketsRoute, reportRoute, portalTicketRoute]),
    accountSecurityRoute,
    managerApprovalsRoute,
    adminRoute.addChildren([adminHomeRoute, adminPeopleRoute, adminSettingsRoute, adminCalendarsRoute, adminSlaPoliciesRoute, adminMailTemplatesRoute, adminJobsRoute, adminMailInboundRoute, adminDirectoryRoute, adminMailQuarantineRoute, adminSignalRulesRoute, adminAccessPolicyRoute, adminLicensesRoute]),
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
