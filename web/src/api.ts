import type { z } from 'zod';
import type {
  Booking,
  CalendarInput,
  createSchool,
  Organisation,
  PolicyInput,
  Problem,
  Slot,
  SlotInput,
  auditEntry,
  bookingDetail,
  policyState,
  slotCheck,
  createEmployer,
  createProvider,
  policyVersion,
  proposalInput,
  publicPolicy,
  updatePartner,
  updateSchool,
  benchmark5,
  offer as offerSchema,
  offerBookingInput,
  offerHit,
  offerInput,
  offerWithDates,
  hostSafetyPack,
  safetyPackReview,
  safetyPackList,
  uploadTicket,
  fileDownload,
  SafetyPackInput,
  apiKey,
  apiKeyCreated,
  webhookEndpointList,
  webhookEndpointWithSecret,
  slotSeriesInput,
} from '@schoolgate/contracts';
import type { hc, InferResponseType } from 'hono/client';
import type { ApiRoutes } from '@schoolgate/api';
import { currentToken, signOut } from './auth';

export type { Booking, CalendarInput, Organisation, PolicyInput, Slot, SlotInput };
export type PolicyVersion = z.infer<typeof policyVersion>;
/** The API leaves out `createdBy` (the author's email address) from the statement it publishes to anyone. */
export type PublicPolicy = Omit<z.infer<typeof publicPolicy>, 'createdBy'>;
export type AuditEntry = z.infer<typeof auditEntry>;
export type ProposalInput = z.infer<typeof proposalInput>;

export interface FieldError {
  field?: string;
  code?: string;
  message: string;
}

/** A failed API call, carrying the RFC 9457 problem the server sent (or one made up for network failures). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title);
  }
  get errors(): FieldError[] {
    if (this.problem.errors?.length) return this.problem.errors;
    return [{ message: this.problem.detail ?? this.problem.title }];
  }
  /** The first rule code the server named, e.g. SLOT_FULL. */
  get code(): string | undefined {
    return this.problem.errors?.find((e) => e.code)?.code;
  }
}

/** Fired when the server says the session is over; the app sends the user to sign in and back. */
export const UNAUTHORISED_EVENT = 'schoolgate:unauthorised';

export async function request<T>(method: string, path: string, body?: unknown, accept = 'application/json', headers: Record<string, string> = {}): Promise<T> {
  return (await exchange<T>(method, path, body, accept, headers)).body;
}

/** One call to the API, with the ETag the server sent (the version an editor must send back in If-Match). */
async function exchange<T>(method: string, path: string, body?: unknown, accept = 'application/json', extraHeaders: Record<string, string> = {}): Promise<{ body: T; etag?: string }> {
  const token = await currentToken();
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: {
        accept,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...extraHeaders,
      },
      // A file (a Blob) goes as it is; anything else as JSON.
      ...(body === undefined ? {} : { body: body instanceof Blob ? body : JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, {
      type: 'about:blank',
      title: 'No connection',
      status: 0,
      detail: 'We could not reach Schoolgate. Check your internet connection and try again.',
    });
  }
  if (res.status === 401 && !path.startsWith('/v1/public/')) {
    signOut();
    window.dispatchEvent(new Event(UNAUTHORISED_EVENT));
  }
  if (!res.ok) {
    const text = await res.text();
    let problem: Problem;
    try {
      problem = JSON.parse(text) as Problem;
      if (typeof problem.title !== 'string') throw new Error('not a problem');
    } catch {
      problem = { type: 'about:blank', title: res.statusText || 'Error', status: res.status, detail: describeStatus(res.status) };
    }
    throw new ApiError(res.status, problem);
  }
  const etag = res.headers.get('etag') ?? undefined;
  const withEtag = (value: T) => ({ body: value, ...(etag ? { etag } : {}) });
  if (accept !== 'application/json') return withEtag((await res.text()) as T);
  if (res.status === 204) return withEtag(undefined as T);
  return withEtag((await res.json()) as T);
}

function describeStatus(status: number): string {
  if (status === 404) return 'We could not find that. It may have been removed, or the link may be wrong.';
  if (status === 403) return 'You do not have permission to do that.';
  if (status >= 500) return 'Something went wrong on our side. Try again in a few minutes.';
  return 'Something went wrong. Try again.';
}

const get = <T>(path: string) => request<T>('GET', path);
const post = <T>(path: string, body: unknown = {}) => request<T>('POST', path, body);
const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, body);
const q = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const s = search.toString();
  return s ? `?${s}` : '';
};
const e = encodeURIComponent;

/**
 * The API's answers, inferred from its own route handlers through Hono RPC (`hc<ApiRoutes>`): a
 * type-only import, so nothing of the API reaches the browser bundle, and these types cannot drift
 * from what the handlers send; a handler that stops sending a field a page reads fails `tsc`.
 */
type Client = ReturnType<typeof hc<ApiRoutes>>;
type Answer<Endpoint> = InferResponseType<Endpoint, 200>;
type Created<Endpoint> = InferResponseType<Endpoint, 201>;

export type Me = Answer<Client['me']['$get']>;
export type Membership = Me['memberships'][number];
export type OrgKind = Membership['kind'];
/** An organisation as anyone signed in may see it: the API keeps roll numbers and notification settings to members. */
export type PublicOrganisation = Answer<Client['admin']['organisations']['$get']>['items'][number];
/** One organisation loaded by id: the whole record for its members and platform admins, the public view for anyone else. */
export type OrganisationView = PublicOrganisation & Partial<Pick<Organisation, 'rolls' | 'notifications'>>;

export interface SchoolCalendar extends CalendarInput {}
/** Term dates read from an .ics file, in the browser (`@schoolgate/domain/ics`, loaded when a file is chosen). */
export type { TermDatesImport as IcsPreview } from '@schoolgate/domain/ics';
/** Declared by the route (the handler's record type is looser than the schema it answers with). */
export type PolicyState = z.infer<typeof policyState>;
export type SlotCheck = z.infer<typeof slotCheck>;
export type Violation = SlotCheck['violations'][number];
/** A slot as providers and employers see it: places still to confirm, not the school's counts. */
export type SearchSlot = Answer<Client['slots']['$get']>['items'][number];
/** A school in the directory providers and employers search. */
export type DirectorySchool = Answer<Client['school-directory']['$get']>['items'][number];
export type VerificationQueue = Answer<Client['admin']['verification-queue']['$get']>;
export type BookingDetail = z.infer<typeof bookingDetail>;
export type RescheduleProposal = NonNullable<BookingDetail['reschedule']>;
/** One page of a list; `nextCursor` fetches the next (null on the last). */
export type ListPage<T> = { items: T[]; nextCursor: string | null };
export type Proposal = Created<Client['organisations'][':orgId']['proposals']['$post']>;
export type Compliance = Answer<Client['schools'][':id']['compliance']['$get']>;
export type CompliancePhase = Compliance['cohorts'][number]['phases'][number];
export type PhaseStatus = CompliancePhase['status'];
/** A confirmed statutory booking that a change of facts broke, and why. */
export type AffectedBooking = Answer<Client['schools'][':id']['$patch']>['affectedBookings'][number];
/** An email that could not be delivered, as `GET /v1/organisations/:id/delivery-failures` lists it. */
export type DeliveryFailure = Answer<Client['organisations'][':orgId']['delivery-failures']['$get']>['items'][number];

// Work experience: the employer's safety pack.
export type HostSafetyPack = z.infer<typeof hostSafetyPack>;
export type SafetyPackReview = z.infer<typeof safetyPackReview>;
export type SafetyPackList = z.infer<typeof safetyPackList>;
export type UploadTicket = z.infer<typeof uploadTicket>;
export type FileDownload = z.infer<typeof fileDownload>;
export type { SafetyPackInput };

export const api = {
  me: () => get<Me>('/v1/me'),
  acceptInvitation: (orgId: string) => post(`/v1/invitations/${e(orgId)}/accept`),

  createSchool: (body: z.input<typeof createSchool>) => post<Organisation>('/v1/schools', body),
  createProvider: (body: z.input<typeof createProvider>) => post<Organisation>('/v1/providers', body),
  createEmployer: (body: z.input<typeof createEmployer>) => post<Organisation>('/v1/employers', body),
  organisation: (id: string) => get<OrganisationView>(`/v1/organisations/${e(id)}`),
  school: (id: string) => get<OrganisationView>(`/v1/schools/${e(id)}`),
  updateSchool: (id: string, body: z.input<typeof updateSchool>) => patch<Answer<Client['schools'][':id']['$patch']>>(`/v1/schools/${e(id)}`, body),
  updateOrganisation: (id: string, body: z.input<typeof updatePartner>) => patch<Organisation>(`/v1/organisations/${e(id)}`, body),
  invite: (orgId: string, body: { email: string; role: string }) => post(`/v1/organisations/${e(orgId)}/invitations`, body),

  adminOrganisations: (kind: OrgKind, cursor?: string) => get<ListPage<PublicOrganisation>>(`/v1/admin/organisations${q({ kind, cursor })}`),
  verify: (id: string) => post<PublicOrganisation>(`/v1/admin/organisations/${e(id)}/verify`),
  waitingRequests: (schoolId: string, limit = 5) => get<Answer<Client['schools'][':id']['waiting-requests']['$get']>>(`/v1/schools/${e(schoolId)}/waiting-requests${q({ limit })}`),
  verificationQueue: (kind?: OrgKind, cursor?: string) => get<VerificationQueue>(`/v1/admin/verification-queue${q({ kind, cursor })}`),
  searchSchools: (params: { orgId: string; phase?: string; yearGroup?: string; policyPublished?: string; openSlots?: string; withinKm?: string; near?: string; limit?: number; cursor?: string }) =>
    get<{ items: DirectorySchool[]; nextCursor: string | null }>(`/v1/school-directory${q(params)}`),

  calendar: (schoolId: string) => get<SchoolCalendar>(`/v1/schools/${e(schoolId)}/calendar`),
  /** The calendar with the version it was loaded at, for a save that must not overwrite a colleague's. */
  calendarForEditing: (schoolId: string) => exchange<SchoolCalendar>('GET', `/v1/schools/${e(schoolId)}/calendar`),
  saveCalendar: (schoolId: string, body: CalendarInput, etag?: string) =>
    exchange<Answer<Client['schools'][':id']['calendar']['$put']>>('PUT', `/v1/schools/${e(schoolId)}/calendar`, body, 'application/json', etag ? { 'if-match': etag } : {}),

  policy: (schoolId: string) => get<PolicyState>(`/v1/schools/${e(schoolId)}/policy`),
  /** `basedOn` is the version the editor loaded: a save made meanwhile by a colleague is not buried. */
  savePolicy: (schoolId: string, body: PolicyInput, basedOn?: number) =>
    request<PolicyVersion>('PUT', `/v1/schools/${e(schoolId)}/policy`, body, 'application/json', basedOn === undefined ? {} : { 'if-match': `"${basedOn}"` }),
  publishPolicy: (schoolId: string) => post<Answer<Client['schools'][':id']['policy']['publish']['$post']>>(`/v1/schools/${e(schoolId)}/policy/publish`),
  publicPolicy: (urn: string) => get<PublicPolicy>(`/v1/public/schools/${e(urn)}/policy`),

  checkSlot: (schoolId: string, body: SlotInput) => post<SlotCheck>(`/v1/schools/${e(schoolId)}/slots/check`, body),
  createSlot: (schoolId: string, body: SlotInput) => post<Slot>(`/v1/schools/${e(schoolId)}/slots`, body),
  slots: (schoolId: string, cursor?: string) => get<ListPage<Slot>>(`/v1/schools/${e(schoolId)}/slots${q({ cursor })}`),
  slot: (schoolId: string, slotId: string) => get<SearchSlot>(`/v1/schools/${e(schoolId)}/slots/${e(slotId)}`),
  createSlotSeries: (schoolId: string, body: z.input<typeof slotSeriesInput>) => post<Answer<Client['schools'][':id']['slots']['series']['$post']>>(`/v1/schools/${e(schoolId)}/slots/series`, body),
  withdrawSlot: (schoolId: string, slotId: string) => post<Slot>(`/v1/schools/${e(schoolId)}/slots/${e(slotId)}/withdraw`),
  searchSlots: (params: {
    orgId: string;
    from: string;
    to: string;
    yearGroup?: string;
    format?: string;
    withinKm?: string;
    near?: string;
    limit?: number;
    cursor?: string;
  }) => get<{ items: SearchSlot[]; nextCursor: string | null }>(`/v1/slots${q(params)}`),

  requestSlot: (orgId: string, body: { schoolId: string; slotId: string; message: string; accompanyingEmployer?: string }) =>
    post<Booking>(`/v1/organisations/${e(orgId)}/requests`, body),
  myBookings: (orgId: string, cursor?: string) => get<ListPage<Booking>>(`/v1/organisations/${e(orgId)}/bookings${q({ cursor })}`),
  schoolBookings: (schoolId: string, status?: string, cursor?: string) => get<ListPage<Booking>>(`/v1/schools/${e(schoolId)}/bookings${q({ status, cursor })}`),
  booking: (schoolId: string, bookingId: string) => get<BookingDetail>(`/v1/schools/${e(schoolId)}/bookings/${e(bookingId)}`),
  approve: (schoolId: string, bookingId: string, body: { asSupplementary?: boolean } = {}) =>
    post<Booking>(`/v1/schools/${e(schoolId)}/bookings/${e(bookingId)}/approve`, body),
  decline: (schoolId: string, bookingId: string, body: { groundId: string; note: string }) =>
    post<Booking>(`/v1/schools/${e(schoolId)}/bookings/${e(bookingId)}/decline`, body),
  withdraw: (schoolId: string, bookingId: string, reason?: string) => post<Booking>(`/v1/schools/${e(schoolId)}/bookings/${e(bookingId)}/withdraw`, reason ? { reason } : {}),
  // Reschedule (issue 15)
  proposeReschedule: (schoolId: string, bookingId: string, body: { date?: string; start?: string; end?: string; slotId?: string; message?: string }) =>
    post<RescheduleProposal>(`/v1/schools/${e(schoolId)}/bookings/${e(bookingId)}/reschedule`, body),
  acceptReschedule: (schoolId: string, bookingId: string, proposalId: string) =>
    post<Booking>(`/v1/schools/${e(schoolId)}/bookings/${e(bookingId)}/reschedule/accept`, { proposalId }),
  declineReschedule: (schoolId: string, bookingId: string, proposalId: string, reason: string) =>
    post<RescheduleProposal>(`/v1/schools/${e(schoolId)}/bookings/${e(bookingId)}/reschedule/decline`, { proposalId, reason }),
  redesignate: (schoolId: string, bookingId: string) => post<Booking>(`/v1/schools/${e(schoolId)}/bookings/${e(bookingId)}/redesignate`),
  cancel: (schoolId: string, bookingId: string, reason: string) =>
    post<Booking>(`/v1/schools/${e(schoolId)}/bookings/${e(bookingId)}/cancel`, { reason }),
  attendance: (schoolId: string, bookingId: string, body: { delivered: boolean; note: string }) =>
    post<Booking>(`/v1/schools/${e(schoolId)}/bookings/${e(bookingId)}/attendance`, body),
  calendarFeed: (orgId: string) => get<{ live: boolean; createdAt?: string }>(`/v1/organisations/${e(orgId)}/calendar-feed`),
  makeCalendarFeed: (orgId: string) => post<{ url: string; createdAt: string }>(`/v1/organisations/${e(orgId)}/calendar-feed`),
  stopCalendarFeed: (orgId: string) => request<{ live: boolean }>('DELETE', `/v1/organisations/${e(orgId)}/calendar-feed`),
  bookingIcs: (schoolId: string, bookingId: string) =>
    request<string>('GET', `/v1/schools/${e(schoolId)}/bookings/${e(bookingId)}/ics`, undefined, 'text/calendar'),

  propose: (orgId: string, body: ProposalInput & { schoolId: string }) => post<Proposal>(`/v1/organisations/${e(orgId)}/proposals`, body),
  proposals: (schoolId: string, cursor?: string) => get<ListPage<Proposal>>(`/v1/schools/${e(schoolId)}/proposals${q({ cursor })}`),
  proposal: (schoolId: string, id: string) => get<Proposal>(`/v1/schools/${e(schoolId)}/proposals/${e(id)}`),
  /** The organisation's own proposals to any school, newest first. */
  myProposals: (orgId: string, cursor?: string) => get<ListPage<Proposal>>(`/v1/organisations/${e(orgId)}/proposals${q({ cursor })}`),
  acceptProposal: (schoolId: string, id: string, body: { venueId: string; title: string; places: number; statutory: boolean }) =>
    post<Slot>(`/v1/schools/${e(schoolId)}/proposals/${e(id)}/accept`, body),
  declineProposal: (schoolId: string, id: string, body: { groundId: string; note: string }) =>
    post(`/v1/schools/${e(schoolId)}/proposals/${e(id)}/decline`, body),

  compliance: (schoolId: string) => get<Compliance>(`/v1/schools/${e(schoolId)}/compliance`),
  deliveryFailures: (orgId: string) => get<{ items: DeliveryFailure[] }>(`/v1/organisations/${e(orgId)}/delivery-failures`),
  resendDelivery: (orgId: string, body: { eventId: string; recipient: string }) => post(`/v1/organisations/${e(orgId)}/delivery-failures/resend`, body),

  // Work experience: the employer's safety pack.
  safetyPack: (orgId: string) => exchange<HostSafetyPack>('GET', `/v1/organisations/${e(orgId)}/safety-pack`),
  saveSafetyPack: (orgId: string, body: SafetyPackInput, etag?: string) =>
    exchange<HostSafetyPack>('PUT', `/v1/organisations/${e(orgId)}/safety-pack`, body, 'application/json', etag ? { 'if-match': etag } : {}),
  requestUpload: (orgId: string, body: { fileName: string; contentType: string; size: number }) => post<UploadTicket>(`/v1/organisations/${e(orgId)}/safety-pack/uploads`, body),
  ownSafetyFile: (orgId: string, fileId: string) => get<FileDownload>(`/v1/organisations/${e(orgId)}/safety-pack/files/${e(fileId)}`),
  safetyPacks: (schoolId: string) => get<SafetyPackList>(`/v1/schools/${e(schoolId)}/safety-packs`),
  reviewSafetyPack: (schoolId: string, hostId: string, academicYear?: string) => get<SafetyPackReview>(`/v1/schools/${e(schoolId)}/safety-packs/${e(hostId)}${q({ academicYear })}`),
  safetyFile: (schoolId: string, hostId: string, fileId: string) => get<FileDownload>(`/v1/schools/${e(schoolId)}/safety-packs/${e(hostId)}/files/${e(fileId)}`),
  signOffSafetyCheck: (schoolId: string, hostId: string, body: { academicYear: string; check: string; packVersion: number }) =>
    post<SafetyPackReview>(`/v1/schools/${e(schoolId)}/safety-packs/${e(hostId)}/sign-offs`, body),
  // Integrations (issue 18): API keys and webhooks, for the organisation's careers leader or admin.
  apiKeys: (orgId: string) => get<{ items: ApiKey[] }>(`/v1/organisations/${e(orgId)}/api-keys`),
  createApiKey: (orgId: string, body: { name: string; scope: ApiKey['scope'] }) => post<ApiKeyCreated>(`/v1/organisations/${e(orgId)}/api-keys`, body),
  revokeApiKey: (orgId: string, keyId: string) => post<ApiKey>(`/v1/organisations/${e(orgId)}/api-keys/${e(keyId)}/revoke`),
  webhooks: (orgId: string) => get<WebhookList>(`/v1/organisations/${e(orgId)}/webhooks`),
  createWebhook: (orgId: string, body: { url: string; events: string[] }) => post<WebhookWithSecret>(`/v1/organisations/${e(orgId)}/webhooks`, body),
  rotateWebhookSecret: (orgId: string, endpointId: string) => post<WebhookWithSecret>(`/v1/organisations/${e(orgId)}/webhooks/${e(endpointId)}/rotate-secret`),
  deleteWebhook: (orgId: string, endpointId: string) => request<unknown>('DELETE', `/v1/organisations/${e(orgId)}/webhooks/${e(endpointId)}`),
};

// Work experience placements (we-place) call the API through the same request function.
export { request as apiRequest };
// Offers and Benchmark 5 (issue 13): the routes in functions/api/src/routes/offers.ts.
export type Offer = z.infer<typeof offerSchema>;
export type HostOffer = z.infer<typeof offerWithDates>;
export type OfferHit = z.infer<typeof offerHit>;
export type OfferInput = z.input<typeof offerInput>;
export type OfferBookingInput = z.input<typeof offerBookingInput>;
export type Benchmark5Report = z.infer<typeof benchmark5>;
export const offersApi = {
  publish: (orgId: string, body: OfferInput) => post<Offer>(`/v1/organisations/${e(orgId)}/offers`, body),
  mine: (orgId: string) => get<{ items: HostOffer[] }>(`/v1/organisations/${e(orgId)}/offers`),
  withdraw: (orgId: string, offerId: string) => post<Offer>(`/v1/organisations/${e(orgId)}/offers/${e(offerId)}/withdraw`),
  search: (params: { orgId: string; from: string; to: string; yearGroup?: string; sector?: string; format?: string; withinKm?: string; near?: string; limit?: number; cursor?: string }) =>
    get<{ items: OfferHit[]; nextCursor: string | null }>(`/v1/offers${q(params)}`),
  book: (schoolId: string, body: OfferBookingInput) => post<Booking>(`/v1/schools/${e(schoolId)}/offer-bookings`, body),
  withdrawBooking: (schoolId: string, bookingId: string) => post<Booking>(`/v1/schools/${e(schoolId)}/offer-bookings/${e(bookingId)}/withdraw`),
  confirm: (orgId: string, schoolId: string, bookingId: string) => post<Booking>(`/v1/organisations/${e(orgId)}/offer-bookings/${e(schoolId)}/${e(bookingId)}/confirm`),
  decline: (orgId: string, schoolId: string, bookingId: string, reason: string) =>
    post<Booking>(`/v1/organisations/${e(orgId)}/offer-bookings/${e(schoolId)}/${e(bookingId)}/decline`, { reason }),
  benchmark5: (schoolId: string) => get<Benchmark5Report>(`/v1/schools/${e(schoolId)}/benchmark5`),
};
export type ApiKey = z.infer<typeof apiKey>;
export type ApiKeyCreated = z.infer<typeof apiKeyCreated>;
export type WebhookList = z.infer<typeof webhookEndpointList>;
export type WebhookEndpoint = WebhookList['items'][number];
export type WebhookWithSecret = z.infer<typeof webhookEndpointWithSecret>;
