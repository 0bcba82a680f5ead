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

async function request<T>(method: string, path: string, body?: unknown, accept = 'application/json', headers: Record<string, string> = {}): Promise<T> {
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
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
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
export type IcsPreview = Answer<Client['schools'][':id']['calendar']['ics']['$post']>;
/** Declared by the route (the handler's record type is looser than the schema it answers with). */
export type PolicyState = z.infer<typeof policyState>;
export type SlotCheck = z.infer<typeof slotCheck>;
export type Violation = SlotCheck['violations'][number];
/** A slot as providers and employers see it: places still to confirm, not the school's counts. */
export type SearchSlot = Answer<Client['slots']['$get']>['items'][number];
export type BookingDetail = z.infer<typeof bookingDetail>;
export type Proposal = Created<Client['organisations'][':orgId']['proposals']['$post']>;
export type Compliance = Answer<Client['schools'][':id']['compliance']['$get']>;
export type CompliancePhase = Compliance['cohorts'][number]['phases'][number];
export type PhaseStatus = CompliancePhase['status'];
/** A confirmed statutory booking that a change of facts broke, and why. */
export type AffectedBooking = Answer<Client['schools'][':id']['$patch']>['affectedBookings'][number];
/** An email that could not be delivered, as `GET /v1/organisations/:id/delivery-failures` lists it. */
export type DeliveryFailure = Answer<Client['organisations'][':orgId']['delivery-failures']['$get']>['items'][number];

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

  adminOrganisations: (kind: OrgKind) => get<{ items: PublicOrganisation[] }>(`/v1/admin/organisations${q({ kind })}`),
  verify: (id: string) => post<PublicOrganisation>(`/v1/admin/organisations/${e(id)}/verify`),

  calendar: (schoolId: string) => get<SchoolCalendar>(`/v1/schools/${e(schoolId)}/calendar`),
  /** The calendar with the version it was loaded at, for a save that must not overwrite a colleague's. */
  calendarForEditing: (schoolId: string) => exchange<SchoolCalendar>('GET', `/v1/schools/${e(schoolId)}/calendar`),
  saveCalendar: (schoolId: string, body: CalendarInput, etag?: string) =>
    exchange<Answer<Client['schools'][':id']['calendar']['$put']>>('PUT', `/v1/schools/${e(schoolId)}/calendar`, body, 'application/json', etag ? { 'if-match': etag } : {}),
  previewIcs: (schoolId: string, ics: string) => post<IcsPreview>(`/v1/schools/${e(schoolId)}/calendar/ics`, { ics }),

  policy: (schoolId: string) => get<PolicyState>(`/v1/schools/${e(schoolId)}/policy`),
  /** `basedOn` is the version the editor loaded: a save made meanwhile by a colleague is not buried. */
  savePolicy: (schoolId: string, body: PolicyInput, basedOn?: number) =>
    request<PolicyVersion>('PUT', `/v1/schools/${e(schoolId)}/policy`, body, 'application/json', basedOn === undefined ? {} : { 'if-match': `"${basedOn}"` }),
  publishPolicy: (schoolId: string) => post<Answer<Client['schools'][':id']['policy']['publish']['$post']>>(`/v1/schools/${e(schoolId)}/policy/publish`),
  publicPolicy: (urn: string) => get<PublicPolicy>(`/v1/public/schools/${e(urn)}/policy`),

  checkSlot: (schoolId: string, body: SlotInput) => post<SlotCheck>(`/v1/schools/${e(schoolId)}/slots/check`, body),
  createSlot: (schoolId: string, body: SlotInput) => post<Slot>(`/v1/schools/${e(schoolId)}/slots`, body),
  slots: (schoolId: string) => get<{ items: Slot[] }>(`/v1/schools/${e(schoolId)}/slots`),
  slot: (schoolId: string, slotId: string) => get<SearchSlot>(`/v1/schools/${e(schoolId)}/slots/${e(slotId)}`),
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
  myBookings: (orgId: string) => get<{ items: Booking[] }>(`/v1/organisations/${e(orgId)}/bookings`),
  schoolBookings: (schoolId: string, status?: string) => get<{ items: Booking[] }>(`/v1/schools/${e(schoolId)}/bookings${q({ status })}`),
  booking: (schoolId: string, bookingId: string) => get<BookingDetail>(`/v1/schools/${e(schoolId)}/bookings/${e(bookingId)}`),
  approve: (schoolId: string, bookingId: string, body: { asSupplementary?: boolean } = {}) =>
    post<Booking>(`/v1/schools/${e(schoolId)}/bookings/${e(bookingId)}/approve`, body),
  decline: (schoolId: string, bookingId: string, body: { groundId: string; note: string }) =>
    post<Booking>(`/v1/schools/${e(schoolId)}/bookings/${e(bookingId)}/decline`, body),
  withdraw: (schoolId: string, bookingId: string) => post<Booking>(`/v1/schools/${e(schoolId)}/bookings/${e(bookingId)}/withdraw`),
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
  proposals: (schoolId: string) => get<{ items: Proposal[] }>(`/v1/schools/${e(schoolId)}/proposals`),
  proposal: (schoolId: string, id: string) => get<Proposal>(`/v1/schools/${e(schoolId)}/proposals/${e(id)}`),
  /** The organisation's own proposals to any school, newest first. */
  myProposals: (orgId: string) => get<{ items: Proposal[] }>(`/v1/organisations/${e(orgId)}/proposals`),
  acceptProposal: (schoolId: string, id: string, body: { venueId: string; title: string; places: number; statutory: boolean }) =>
    post<Slot>(`/v1/schools/${e(schoolId)}/proposals/${e(id)}/accept`, body),
  declineProposal: (schoolId: string, id: string, body: { groundId: string; note: string }) =>
    post(`/v1/schools/${e(schoolId)}/proposals/${e(id)}/decline`, body),

  compliance: (schoolId: string) => get<Compliance>(`/v1/schools/${e(schoolId)}/compliance`),
  deliveryFailures: (orgId: string) => get<{ items: DeliveryFailure[] }>(`/v1/organisations/${e(orgId)}/delivery-failures`),
  resendDelivery: (orgId: string, body: { eventId: string; recipient: string }) => post(`/v1/organisations/${e(orgId)}/delivery-failures/resend`, body),
};
