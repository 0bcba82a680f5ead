import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Outlet, RouterProvider } from 'react-router';
import 'govuk-frontend/dist/govuk/govuk-frontend.min.css';
import './styles.css';
import { Layout } from './components/Layout';
import { SignInPage, SignUpPage, SignedOutPage } from './pages/auth';
import { HomePage, InvitationsPage, NotFoundPage } from './pages/home';
import { NewOrganisationPage } from './pages/organisation-new';
import { PublicPolicyPage } from './pages/public-policy';
import { SchoolDashboardPage } from './pages/school-dashboard';
import { PolicyEditorPage, PolicyPreviewPage } from './pages/school-policy';
import { NewSlotPage, SlotsPage } from './pages/school-slots';
import { BookingPage, RequestsPage, SchoolBookingsPage } from './pages/school-bookings';
import { ProposalPage } from './pages/school-proposals';
import { CompliancePage } from './pages/school-compliance';
import { MyBookingsPage, PartnerDashboardPage, ProposePage, SearchPage, SlotRequestPage } from './pages/partner';
import { InvitePage } from './pages/invite';
import { RequesterBookingPage } from './pages/partner-booking';
import { OrganisationSettingsPage } from './pages/organisation-settings';
import { SchoolProfilePage } from './pages/school-profile';
import { CalendarPage } from './pages/school-calendar';
import { AdminPage } from './pages/admin';
import { RequireSignIn, SessionProvider } from './session';

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
      { path: '/policies/:urn', element: <PublicPolicyPage /> },
      {
        element: signedIn,
        children: [
          { path: '/organisations/new', element: <NewOrganisationPage /> },
          { path: '/invitations', element: <InvitationsPage /> },
          { path: '/admin', element: <AdminPage /> },
          { path: '/schools/:schoolId', element: <SchoolDashboardPage /> },
          { path: '/schools/:schoolId/profile', element: <SchoolProfilePage /> },
          { path: '/schools/:schoolId/calendar', element: <CalendarPage /> },
          { path: '/schools/:schoolId/policy', element: <PolicyEditorPage /> },
          { path: '/schools/:schoolId/policy/preview', element: <PolicyPreviewPage /> },
          { path: '/schools/:schoolId/slots', element: <SlotsPage /> },
          { path: '/schools/:schoolId/slots/new', element: <NewSlotPage /> },
          { path: '/schools/:schoolId/requests', element: <RequestsPage /> },
          { path: '/schools/:schoolId/requests/proposals/:proposalId', element: <ProposalPage /> },
          { path: '/schools/:schoolId/bookings', element: <SchoolBookingsPage /> },
          { path: '/schools/:schoolId/bookings/:bookingId', element: <BookingPage /> },
          { path: '/schools/:schoolId/compliance', element: <CompliancePage /> },
          { path: '/schools/:schoolId/invite', element: <InvitePage /> },
          { path: '/organisations/:orgId', element: <PartnerDashboardPage /> },
          { path: '/organisations/:orgId/slots', element: <SearchPage /> },
          { path: '/organisations/:orgId/slots/:schoolId/:slotId', element: <SlotRequestPage /> },
          { path: '/organisations/:orgId/propose/:schoolId', element: <ProposePage /> },
          { path: '/organisations/:orgId/bookings', element: <MyBookingsPage /> },
          { path: '/organisations/:orgId/bookings/:schoolId/:bookingId', element: <RequesterBookingPage /> },
          { path: '/organisations/:orgId/settings', element: <OrganisationSettingsPage /> },
          { path: '/organisations/:orgId/invite', element: <InvitePage /> },
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
