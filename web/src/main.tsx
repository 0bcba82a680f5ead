import { lazy, StrictMode, Suspense, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Outlet, Route, Routes } from 'react-router';
import 'govuk-frontend/dist/govuk/govuk-frontend.min.css';
import './styles.css';
import { Layout } from './components/Layout';
import { Loading } from './components/states';
import { HomePage, InvitationsPage, NotFoundPage } from './pages/home';
import { RequireSignIn, SessionProvider } from './session';

/**
 * A route whose page is its own chunk, fetched on first visit: the first page a person opens
 * downloads only the shell and that page. (Declarative routes with React.lazy rather than the data
 * router: its loaders, actions and fetchers were ~17 KB gzip of the first page, used by no page.)
 */
const page = <M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) =>
  lazy(async () => ({ default: (await load())[name] as ComponentType }));

/** The layout stays while a page's chunk arrives (a navigation keeps the old page: React Router runs it as a transition). */
const lazyPages = (
  <Suspense fallback={<Loading />}>
    <Outlet />
  </Suspense>
);

const SignInPage = page(() => import('./pages/auth'), 'SignInPage');
const SignUpPage = page(() => import('./pages/auth'), 'SignUpPage');
const SignedOutPage = page(() => import('./pages/auth'), 'SignedOutPage');
const PublicPolicyPage = page(() => import('./pages/public-policy'), 'PublicPolicyPage');
const NewOrganisationPage = page(() => import('./pages/organisation-new'), 'NewOrganisationPage');
const AdminPage = page(() => import('./pages/admin'), 'AdminPage');
const GiasImportPage = page(() => import('./pages/admin'), 'GiasImportPage');
const SchoolDashboardPage = page(() => import('./pages/school-dashboard'), 'SchoolDashboardPage');
const SchoolProfilePage = page(() => import('./pages/school-profile'), 'SchoolProfilePage');
const CalendarPage = page(() => import('./pages/school-calendar'), 'CalendarPage');
const PolicyEditorPage = page(() => import('./pages/school-policy'), 'PolicyEditorPage');
const PolicyPreviewPage = page(() => import('./pages/school-policy'), 'PolicyPreviewPage');
const SlotsPage = page(() => import('./pages/school-slots'), 'SlotsPage');
const NewSlotPage = page(() => import('./pages/school-slots'), 'NewSlotPage');
const SlotSeriesPage = page(() => import('./pages/school-slot-series'), 'SlotSeriesPage');
const RequestsPage = page(() => import('./pages/school-bookings'), 'RequestsPage');
const ProposalPage = page(() => import('./pages/school-proposals'), 'ProposalPage');
const SchoolBookingsPage = page(() => import('./pages/school-bookings'), 'SchoolBookingsPage');
const BookingPage = page(() => import('./pages/school-bookings'), 'BookingPage');
const CompliancePage = page(() => import('./pages/school-compliance'), 'CompliancePage');
const InvitePage = page(() => import('./pages/invite'), 'InvitePage');
const PartnerDashboardPage = page(() => import('./pages/partner'), 'PartnerDashboardPage');
const SearchPage = page(() => import('./pages/partner'), 'SearchPage');
const SchoolDirectoryPage = page(() => import('./pages/school-directory'), 'SchoolDirectoryPage');
const SlotRequestPage = page(() => import('./pages/partner'), 'SlotRequestPage');
const ProposePage = page(() => import('./pages/partner'), 'ProposePage');
const MyBookingsPage = page(() => import('./pages/partner'), 'MyBookingsPage');
const RequesterBookingPage = page(() => import('./pages/partner-booking'), 'RequesterBookingPage');
const OrganisationSettingsPage = page(() => import('./pages/organisation-settings'), 'OrganisationSettingsPage');
const SafetyPackPage = page(() => import('./pages/safety-pack'), 'SafetyPackPage');
const SchoolSafetyPacksPage = page(() => import('./pages/safety-pack'), 'SchoolSafetyPacksPage');
const ReviewSafetyPackPage = page(() => import('./pages/safety-pack'), 'ReviewSafetyPackPage');
const SchoolWorkExperiencePage = page(() => import('./pages/work-experience-school'), 'SchoolWorkExperiencePage');
const PupilsPage = page(() => import('./pages/work-experience-school'), 'PupilsPage');
const FindPlacementsPage = page(() => import('./pages/work-experience-school'), 'FindPlacementsPage');
const RequestPlacementPage = page(() => import('./pages/work-experience-school'), 'RequestPlacementPage');
const HostWorkExperiencePage = page(() => import('./pages/work-experience-host'), 'HostWorkExperiencePage');
const NewPlacementPage = page(() => import('./pages/work-experience-host'), 'NewPlacementPage');
// Offers (issue 13)
const HostOffersPage = page(() => import('./pages/offers-host'), 'HostOffersPage');
const NewOfferPage = page(() => import('./pages/offers-host'), 'NewOfferPage');
const FindOffersPage = page(() => import('./pages/offers-school'), 'FindOffersPage');
const BookOfferPage = page(() => import('./pages/offers-school'), 'BookOfferPage');
const RecordedEncountersPage = page(() => import('./pages/school-record'), 'RecordedEncountersPage');
const ReportPage = page(() => import('./pages/school-report'), 'ReportPage');
const SnapshotPage = page(() => import('./pages/school-report'), 'SnapshotPage');
const ProviderRecordPage = page(() => import('./pages/partner-record'), 'ProviderRecordPage');
const ConcernPage = page(() => import('./pages/partner-record'), 'ConcernPage');
const SchoolGroupsPage = page(() => import('./pages/groups'), 'SchoolGroupsPage');
const MyGroupsPage = page(() => import('./pages/groups'), 'MyGroupsPage');
const GroupOverviewPage = page(() => import('./pages/groups'), 'GroupOverviewPage');
const TrustPolicyTemplatePage = page(() => import('./pages/groups'), 'TrustPolicyTemplatePage');
const IntegrationsPage = page(() => import('./pages/integrations'), 'IntegrationsPage');

const signedIn = (
  <RequireSignIn>
    <Outlet />
  </RequireSignIn>
);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route element={<Layout />}>
            <Route element={lazyPages}>
              <Route path="/" element={<HomePage />} />
              <Route path="/sign-in" element={<SignInPage />} />
              <Route path="/sign-up" element={<SignUpPage />} />
              <Route path="/signed-out" element={<SignedOutPage />} />
              <Route path="/policies/:urn" element={<PublicPolicyPage />} />
              <Route element={signedIn}>
                <Route path="/organisations/new" element={<NewOrganisationPage />} />
                <Route path="/invitations" element={<InvitationsPage />} />
                <Route path="/admin" element={<AdminPage />} />
                <Route path="/admin/gias" element={<GiasImportPage />} />
                <Route path="/schools/:schoolId" element={<SchoolDashboardPage />} />
                <Route path="/schools/:schoolId/profile" element={<SchoolProfilePage />} />
                <Route path="/schools/:schoolId/calendar" element={<CalendarPage />} />
                <Route path="/schools/:schoolId/policy" element={<PolicyEditorPage />} />
                <Route path="/schools/:schoolId/policy/preview" element={<PolicyPreviewPage />} />
                <Route path="/schools/:schoolId/slots" element={<SlotsPage />} />
                <Route path="/schools/:schoolId/slots/new" element={<NewSlotPage />} />
                <Route path="/schools/:schoolId/slots/series" element={<SlotSeriesPage />} />
                <Route path="/schools/:schoolId/requests" element={<RequestsPage />} />
                <Route path="/schools/:schoolId/requests/proposals/:proposalId" element={<ProposalPage />} />
                <Route path="/schools/:schoolId/bookings" element={<SchoolBookingsPage />} />
                <Route path="/schools/:schoolId/bookings/:bookingId" element={<BookingPage />} />
                <Route path="/schools/:schoolId/compliance" element={<CompliancePage />} />
                <Route path="/schools/:schoolId/invite" element={<InvitePage />} />
                <Route path="/organisations/:orgId" element={<PartnerDashboardPage />} />
                <Route path="/organisations/:orgId/slots" element={<SearchPage />} />
                <Route path="/organisations/:orgId/schools" element={<SchoolDirectoryPage />} />
                <Route path="/organisations/:orgId/slots/:schoolId/:slotId" element={<SlotRequestPage />} />
                <Route path="/organisations/:orgId/propose/:schoolId" element={<ProposePage />} />
                <Route path="/organisations/:orgId/bookings" element={<MyBookingsPage />} />
                <Route path="/organisations/:orgId/bookings/:schoolId/:bookingId" element={<RequesterBookingPage />} />
                <Route path="/organisations/:orgId/settings" element={<OrganisationSettingsPage />} />
                <Route path="/organisations/:orgId/invite" element={<InvitePage />} />
                <Route path="/organisations/:orgId/safety-pack" element={<SafetyPackPage />} />
                <Route path="/schools/:schoolId/safety-packs" element={<SchoolSafetyPacksPage />} />
                <Route path="/schools/:schoolId/safety-packs/:hostId" element={<ReviewSafetyPackPage />} />
                <Route path="/schools/:schoolId/work-experience" element={<SchoolWorkExperiencePage />} />
                <Route path="/schools/:schoolId/work-experience/pupils" element={<PupilsPage />} />
                <Route path="/schools/:schoolId/work-experience/find" element={<FindPlacementsPage />} />
                <Route path="/schools/:schoolId/work-experience/placements/:hostId/:placementId" element={<RequestPlacementPage />} />
                <Route path="/organisations/:orgId/work-experience" element={<HostWorkExperiencePage />} />
                <Route path="/organisations/:orgId/work-experience/new" element={<NewPlacementPage />} />
                <Route path="/organisations/:orgId/offers" element={<HostOffersPage />} />
                <Route path="/organisations/:orgId/offers/new" element={<NewOfferPage />} />
                <Route path="/schools/:schoolId/offers" element={<FindOffersPage />} />
                <Route path="/schools/:schoolId/offers/:hostOrgId/:offerId/:date" element={<BookOfferPage />} />
                <Route path="/schools/:schoolId/recorded-encounters" element={<RecordedEncountersPage />} />
                <Route path="/schools/:schoolId/reports" element={<ReportPage />} />
                <Route path="/schools/:schoolId/reports/:year" element={<ReportPage />} />
                <Route path="/schools/:schoolId/reports/:year/snapshots/:snapshotId" element={<SnapshotPage />} />
                <Route path="/organisations/:orgId/request-record" element={<ProviderRecordPage />} />
                <Route path="/organisations/:orgId/concerns/:schoolId" element={<ConcernPage />} />
                <Route path="/schools/:schoolId/groups" element={<SchoolGroupsPage />} />
                <Route path="/organisations/:orgId/integrations" element={<IntegrationsPage />} />
                <Route path="/groups" element={<MyGroupsPage />} />
                <Route path="/groups/:groupId" element={<GroupOverviewPage />} />
                <Route path="/groups/:groupId/policy-template" element={<TrustPolicyTemplatePage />} />
              </Route>
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  </StrictMode>,
);
