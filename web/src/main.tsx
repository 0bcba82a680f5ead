import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Outlet, RouterProvider } from 'react-router';
import 'govuk-frontend/dist/govuk/govuk-frontend.min.css';
import './styles.css';
import { Layout } from './components/Layout';
import { SignInPage, SignUpPage, SignedOutPage } from './pages/auth';
import { HomePage, NotFoundPage } from './pages/home';
import { RequireSignIn, SessionProvider } from './session';

/**
 * A route whose page is its own chunk, fetched on first visit: the first page a person opens
 * downloads only the shell and that page.
 */
const page =
  <M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) =>
  async () => ({ Component: (await load())[name] as ComponentType });

const signedIn = (
  <RequireSignIn>
    <Outlet />
  </RequireSignIn>
);

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/sign-up', element: <SignUpPage /> },
      { path: '/signed-out', element: <SignedOutPage /> },
      { path: '/policies/:urn', lazy: page(() => import('./pages/public-policy'), 'PublicPolicyPage') },
      {
        element: signedIn,
        children: [
          { path: '/organisations/new', lazy: page(() => import('./pages/organisation-new'), 'NewOrganisationPage') },
          { path: '/invitations', lazy: page(() => import('./pages/home'), 'InvitationsPage') },
          { path: '/admin', lazy: page(() => import('./pages/admin'), 'AdminPage') },
          { path: '/schools/:schoolId', lazy: page(() => import('./pages/school-dashboard'), 'SchoolDashboardPage') },
          { path: '/schools/:schoolId/profile', lazy: page(() => import('./pages/school-profile'), 'SchoolProfilePage') },
          { path: '/schools/:schoolId/calendar', lazy: page(() => import('./pages/school-calendar'), 'CalendarPage') },
          { path: '/schools/:schoolId/policy', lazy: page(() => import('./pages/school-policy'), 'PolicyEditorPage') },
          { path: '/schools/:schoolId/policy/preview', lazy: page(() => import('./pages/school-policy'), 'PolicyPreviewPage') },
          { path: '/schools/:schoolId/slots', lazy: page(() => import('./pages/school-slots'), 'SlotsPage') },
          { path: '/schools/:schoolId/slots/new', lazy: page(() => import('./pages/school-slots'), 'NewSlotPage') },
          { path: '/schools/:schoolId/requests', lazy: page(() => import('./pages/school-bookings'), 'RequestsPage') },
          { path: '/schools/:schoolId/requests/proposals/:proposalId', lazy: page(() => import('./pages/school-proposals'), 'ProposalPage') },
          { path: '/schools/:schoolId/bookings', lazy: page(() => import('./pages/school-bookings'), 'SchoolBookingsPage') },
          { path: '/schools/:schoolId/bookings/:bookingId', lazy: page(() => import('./pages/school-bookings'), 'BookingPage') },
          { path: '/schools/:schoolId/compliance', lazy: page(() => import('./pages/school-compliance'), 'CompliancePage') },
          { path: '/schools/:schoolId/invite', lazy: page(() => import('./pages/invite'), 'InvitePage') },
          { path: '/organisations/:orgId', lazy: page(() => import('./pages/partner'), 'PartnerDashboardPage') },
          { path: '/organisations/:orgId/slots', lazy: page(() => import('./pages/partner'), 'SearchPage') },
          { path: '/organisations/:orgId/slots/:schoolId/:slotId', lazy: page(() => import('./pages/partner'), 'SlotRequestPage') },
          { path: '/organisations/:orgId/propose/:schoolId', lazy: page(() => import('./pages/partner'), 'ProposePage') },
          { path: '/organisations/:orgId/bookings', lazy: page(() => import('./pages/partner'), 'MyBookingsPage') },
          { path: '/organisations/:orgId/bookings/:schoolId/:bookingId', lazy: page(() => import('./pages/partner-booking'), 'RequesterBookingPage') },
          { path: '/organisations/:orgId/settings', lazy: page(() => import('./pages/organisation-settings'), 'OrganisationSettingsPage') },
          { path: '/organisations/:orgId/invite', lazy: page(() => import('./pages/invite'), 'InvitePage') },
          { path: '/organisations/:orgId/integrations', lazy: page(() => import('./pages/integrations'), 'IntegrationsPage') },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  </StrictMode>,
);
