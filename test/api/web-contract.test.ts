import { beforeAll, describe, expect, it } from 'vitest';
import { bookingStatuses, offerings, providerTypes, slotFormats, offerFormats, SECTORS, type Problem } from '@schoolgate/contracts';
import { KEY_PHASES, RULE_CODES } from '@schoolgate/domain';
import { putDeliveryFailure } from '@schoolgate/store';
import type {
  AuditEntry,
  Booking,
  BookingDetail,
  Compliance,
  CompliancePhase,
  DeliveryFailure,
  Me,
  Membership,
  Organisation,
  OrganisationView,
  PolicyState,
  PolicyVersion,
  Proposal,
  PublicOrganisation,
  PublicPolicy,
  SchoolCalendar,
  SearchSlot,
  Slot,
  SlotCheck,
} from '../../web/src/api';
import { calendar2026, policy, publishSlot, request, setUpProvider, setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/*
 * The web app trusts the TypeScript types in web/src/api.ts; nothing checks them against what the
 * API really sends, and a page that reads a field the API never sends crashes or silently shows
 * nothing. Each check below is typed by the web's own type, so the compiler insists on a check for
 * every field the web declares, and the run checks each against a real answer of the real API.
 */

// ---- checks typed by the web type they stand for -------------------------------------------------

interface Check<T> {
  /** Never called: it only ties the check to T, covariantly, so `Spec<T>` fails to compile when the two drift. */
  readonly of: () => T;
  run(value: unknown, path: string, problems: string[]): void;
}
type Spec<T> = { [K in keyof T]-?: Check<T[K]> };

const phantom = (): never => {
  throw new Error('phantom');
};
const check = <T,>(run: Check<T>['run']): Check<T> => ({ of: phantom, run });
const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const primitive = <T,>(name: 'string' | 'number' | 'boolean') =>
  check<T>((v, path, problems) => {
    if (typeof v !== name) problems.push(`${path}: the web expects a ${name}, the API sent ${kindOf(v)}`);
  });
const str = primitive<string>('string');
const num = primitive<number>('number');
const bool = primitive<boolean>('boolean');
const lit = <const L extends string | number>(...values: readonly L[]) =>
  check<L>((v, path, problems) => {
    if (!values.includes(v as L)) problems.push(`${path}: the web expects one of ${values.join(' | ')}, the API sent ${JSON.stringify(v)}`);
  });
/** For a field the web declares optional; where a state must fill it, the test uses the plain check instead. */
const opt = <T,>(c: Check<T>) =>
  check<T | undefined>((v, path, problems) => {
    if (v !== undefined) c.run(v, path, problems);
  });
const nullable = <T,>(c: Check<T>) =>
  check<T | null>((v, path, problems) => {
    if (v !== null) c.run(v, path, problems);
  });
/** Empty arrays prove nothing about their items, so a list must have some unless told otherwise. */
const list = <T,>(item: Check<T>, options: { mayBeEmpty?: boolean } = {}) =>
  check<T[]>((v, path, problems) => {
    if (!Array.isArray(v)) return void problems.push(`${path}: the web expects an array, the API sent ${kindOf(v)}`);
    if (!v.length && !options.mayBeEmpty) problems.push(`${path}: empty, so its items were never checked`);
    v.forEach((x, i) => item.run(x, `${path}[${i}]`, problems));
  });
const record = <T,>(value: Check<T>) =>
  check<Record<string, T>>((v, path, problems) => {
    if (kindOf(v) !== 'object') return void problems.push(`${path}: the web expects an object, the API sent ${kindOf(v)}`);
    for (const [key, x] of Object.entries(v as object)) value.run(x, `${path}.${key}`, problems);
  });
const obj = <T,>(spec: Spec<T>) =>
  check<T>((v, path, problems) => {
    if (kindOf(v) !== 'object') return void problems.push(`${path}: the web expects an object, the API sent ${kindOf(v)}`);
    for (const [key, c] of Object.entries(spec) as Array<[string, Check<unknown>]>) c.run((v as Record<string, unknown>)[key], `${path}.${key}`, problems);
  });

function mismatches(c: Check<unknown>, value: unknown): string[] {
  const problems: string[] = [];
  c.run(value, '$', problems);
  return problems;
}

// ---- what the web reads --------------------------------------------------------------------------

const venue = obj({ id: str, name: str, capacity: num, facilities: list(str, { mayBeEmpty: true }) });
const organisationFields: Spec<Organisation> = {
  id: str,
  kind: lit('school', 'provider', 'employer'),
  name: str,
  verified: bool,
  postcode: str,
  location: opt(obj({ latitude: num, longitude: num })),
  address: opt(str),
  urn: opt(str),
  yearGroups: opt(obj({ from: num, to: num })),
  rolls: opt(record(record(num))),
  venues: opt(list(venue, { mayBeEmpty: true })),
  ukprn: opt(str),
  providerType: opt(lit(...providerTypes)),
  offers: opt(list(lit(...offerings), { mayBeEmpty: true })),
  website: opt(str),
  sector: opt(str),
  companiesHouseNumber: opt(str),
  registeredApprenticeshipProvider: opt(bool),
  waitingSince: opt(str),
  notifications: obj({ contactEmail: str, reminderDaysBefore: list(num, { mayBeEmpty: true }) }),
  createdAt: str,
};
const { rolls, notifications, ...publicFields } = organisationFields;
/** The record's version (for If-Match) goes out with every organisation the API shows. */
const publicOrganisation = obj<PublicOrganisation>({ ...publicFields, version: opt(num) });
const viewFields: Spec<OrganisationView> = { ...publicFields, version: opt(num), rolls: opt(rolls), notifications: opt(notifications) };
const schoolFields = { urn: str, address: str, yearGroups: obj({ from: num, to: num }), rolls, venues: list(venue) };
const providerFields = { ukprn: str, providerType: lit(...providerTypes), offers: list(lit(...offerings)), location: obj({ latitude: num, longitude: num }) };
/** What a create or update answers: the whole record. */
const createdSchool = obj<Organisation>({ ...organisationFields, ...schoolFields });
const createdProvider = obj<Organisation>({ ...organisationFields, ...providerFields });
/** Loaded by a member: the dashboard reads the roll, the profile and settings pages the notification settings. */
const ownSchool = obj<OrganisationView>({ ...viewFields, ...schoolFields, notifications });
const ownProvider = obj<OrganisationView>({ ...viewFields, ...providerFields, notifications });
/** Another school, as a provider loads it before requesting a slot or proposing a time. */
const otherSchool = obj<OrganisationView>({ ...viewFields, urn: str, venues: list(venue) });

const membership = obj<Membership>({ orgId: str, orgName: str, kind: lit('school', 'provider', 'employer'), role: str, verified: bool });
const invitation = obj({ orgId: str, orgName: str, role: str });
const meFields: Spec<Me> = { userId: str, email: str, platformAdmin: bool, memberships: list(membership), invitations: list(invitation) };

const range = obj({ name: str, start: str, end: str });
const closure = obj({ name: str, kind: lit('holiday', 'inset', 'other'), start: str, end: str });
const calendar = obj<SchoolCalendar>({
  terms: list(range),
  closures: list(closure),
  schoolDay: obj({ start: str, end: str }),
  weekdayOverrides: list(obj({ weekday: num, start: str, end: str })),
  yearGroupOverrides: list(obj({ yearGroups: list(num), start: str, end: str })),
});

const policyFields: Spec<PolicyVersion> = {
  contact: obj({ name: str, role: str, email: str, telephone: str }),
  requestProcedure: str,
  grantingGrounds: str,
  refusalGrounds: list(obj({ id: str, label: str, description: str })),
  premisesAndFacilities: str,
  accessTimes: list(obj({ weekdays: list(num), start: str, end: str, note: str })),
  howWeMeetTheDuty: str,
  safeguardingPolicyUrl: str,
  noticePeriodSchoolDays: num,
  minimumDurationMinutes: num,
  agreedByGovernorsOn: str,
  nextReviewOn: str,
  careersProgramme: obj({ leaderName: str, leaderEmail: str, leaderTelephone: str, summary: str, impactMeasurement: str, nextReviewOn: str }),
  version: num,
  createdAt: str,
  createdBy: str,
  publishedAt: opt(str),
};
const draftPolicy = obj<PolicyVersion>(policyFields);
const publishedPolicy = obj<PolicyVersion>({ ...policyFields, publishedAt: str });
const policyState = obj<PolicyState>({ draft: draftPolicy, published: publishedPolicy });
const { createdBy: _author, ...publicPolicyFields } = policyFields;
const publicPolicy = obj<PublicPolicy>({
  ...publicPolicyFields,
  publishedAt: str,
  school: obj({ name: str, urn: str, address: str, postcode: str }),
});

const target = obj({ yearGroup: num, cohort: num, phase: nullable(num) });
const slotCheck = obj<SlotCheck>({
  violations: list(obj({ code: str, message: str, yearGroup: opt(num) })),
  countsToward: list(target),
  targets: list(obj({ yearGroup: num, cohort: num, phase: nullable(num), reason: opt(str), explanation: opt(str) })),
});
const slotFields: Spec<Slot> = {
  id: str,
  schoolId: str,
  schoolName: str,
  schoolUrn: opt(str),
  title: str,
  date: str,
  start: str,
  end: str,
  yearGroups: list(num),
  format: lit(...slotFormats),
  venueId: str,
  venueName: str,
  places: num,
  statutory: bool,
  description: str,
  confirmedCount: num,
  pendingCount: num,
  status: lit('open', 'closed', 'cancelled'),
  createdAt: str,
  distanceKm: opt(num),
  countsToward: opt(list(target, { mayBeEmpty: true })),
  requestBy: opt(str),
};
const slot = obj<Slot>(slotFields);
/** The search result links to the school's policy by URN and says how far away it is. */
const { confirmedCount: _c, pendingCount: _p, ...partnerSlotFields } = slotFields;
const partnerFields: Spec<Omit<SearchSlot, 'distanceKm'>> = {
  ...partnerSlotFields,
  placesLeft: num,
  venueCapacity: num,
  postcode: str,
  location: opt(obj({ latitude: num, longitude: num })),
  countsToward: list(target, { mayBeEmpty: true }),
};
const searchSlot = obj<SearchSlot>({ ...partnerFields, schoolUrn: str, distanceKm: num });

const ground = obj({ id: str, label: str });
const bookingFields: Spec<Booking> = {
  id: str,
  slotId: str,
  schoolId: str,
  schoolName: str,
  requesterOrgId: str,
  requesterName: str,
  requesterKind: lit('provider', 'employer'),
  status: lit(...bookingStatuses),
  statutory: bool,
  date: str,
  start: str,
  end: str,
  title: str,
  format: lit(...slotFormats, ...offerFormats),
  yearGroups: list(num),
  venueName: str,
  message: str,
  accompanyingEmployer: opt(str),
  offerId: opt(str),
  audience: opt(lit('whole_year_groups', 'named_group')),
  groupName: opt(str),
  pupils: opt(num),
  sector: opt(lit(...SECTORS)),
  declineGround: opt(ground),
  note: opt(str),
  reason: opt(str),
  createdAt: str,
  updatedAt: str,
  version: num,
};
const booking = obj<Booking>(bookingFields);
const declinedBooking = obj<Booking>({ ...bookingFields, declineGround: ground, note: str });
const cancelledBooking = obj<Booking>({ ...bookingFields, reason: str });
const auditFields: Spec<AuditEntry> = { bookingId: str, at: str, actor: str, actorOrgId: str, from: nullable(str), to: str, reason: opt(str) };
const audit = obj<AuditEntry>(auditFields);
// Reschedule (issue 15): no move pending in these states (its own shape is checked in test/api/reschedule.test.ts).
const detail = (fields: Spec<Booking>) => obj<BookingDetail>({ ...fields, audit: list(audit), reschedule: opt(nullable(check<NonNullable<BookingDetail['reschedule']>>(() => undefined))) });

const proposalFields: Spec<Proposal> = {
  id: str,
  schoolId: str,
  schoolName: opt(str),
  requesterOrgId: str,
  requesterName: str,
  date: str,
  start: str,
  end: str,
  yearGroups: list(num),
  format: lit(...slotFormats),
  message: str,
  status: lit('proposed', 'accepted', 'declined'),
  slotId: opt(str),
  declineGround: opt(ground),
  note: opt(str),
  createdAt: str,
};
const proposal = obj<Proposal>(proposalFields);
const acceptedProposal = obj<Proposal>({ ...proposalFields, status: lit('accepted'), slotId: str });
const declinedProposal = obj<Proposal>({ ...proposalFields, status: lit('declined'), declineGround: ground, note: str });

const encounter = obj({ bookingId: str, providerName: str, date: str, status: lit(...bookingStatuses), title: str });
const phaseFields: Spec<CompliancePhase> = {
  phase: lit(...KEY_PHASES),
  status: lit('MET', 'ON_TRACK', 'AT_RISK', 'MISSED', 'NOT_APPLICABLE'),
  // Optional in the type, but the page softens AT_RISK to "Not started" only when it is sent.
  windowState: lit('not_started', 'open', 'closed'),
  windowStart: str,
  windowEnd: str,
  deadline: str,
  deadlineReason: lit('phase_window_ends', 'cohort_leaves'),
  deadlineExplanation: str,
  providers: obj({ delivered: list(str, { mayBeEmpty: true }), confirmed: list(str, { mayBeEmpty: true }) }),
  encounters: list(encounter, { mayBeEmpty: true }),
  awaitingOutcome: list(encounter, { mayBeEmpty: true }),
  missing: nullable(str),
};
const lapsed = obj({ bookingId: str, title: str, date: str, providerName: str, violations: list(obj({ code: lit(...RULE_CODES), message: str, yearGroup: opt(num) })) });
const compliance = obj<Compliance>({
  asOf: str,
  noLongerCounting: list(lapsed, { mayBeEmpty: true }),
  cohorts: list(obj({ cohort: num, yearGroupNow: num, phases: list(obj<CompliancePhase>(phaseFields)) })),
});
/** The phase with a delivered and a confirmed encounter: its lists must carry items the web can read. */
const busyPhase = obj<CompliancePhase>({ ...phaseFields, providers: obj({ delivered: list(str), confirmed: list(str) }), encounters: list(encounter) });

const deliveryFailure = obj<DeliveryFailure>({
  orgId: str,
  eventId: str,
  recipient: str,
  recipientName: opt(str),
  recipientOrgId: opt(str),
  eventKind: str,
  messageKind: str,
  bookingId: str,
  summary: str,
  error: str,
  errorName: str,
  attempts: num,
  failedAt: str,
  resentAt: opt(str),
  source: check<DeliveryFailure['source']>((v, path, problems) => {
    if (kindOf(v) !== 'object') problems.push(`${path}: the web expects an object, the API sent ${kindOf(v)}`);
  }),
  status: lit('failed', 'queued', 'resent'),
});

const items = <T,>(item: Check<T>) => obj<{ items: T[] }>({ items: list(item) });

/** ApiError shows `detail` and each error's message, links an error to its input by `field`, and branches on `code`. */
const problemFields: Spec<Problem> = {
  type: str,
  title: str,
  status: num,
  detail: opt(str),
  instance: opt(str),
  errors: opt(list(obj({ field: opt(str), code: opt(str), message: str }))),
};
const ruleProblem = obj<Problem>({ ...problemFields, detail: str, errors: list(obj({ field: opt(str), code: str, message: str })) });
const fieldProblem = obj<Problem>({ ...problemFields, errors: list(obj({ field: str, code: opt(str), message: str })) });

/** Every call the web makes that has a typed answer, in each state the pages treat differently. */
const EXPECTED: Record<string, Check<unknown>> = {
  'me: a careers leader': obj<Me>({ ...meFields, invitations: list(invitation, { mayBeEmpty: true }) }),
  'me: invited, not yet joined': obj<Me>({ ...meFields, memberships: list(membership, { mayBeEmpty: true }) }),
  'me: after joining': obj<Me>({ ...meFields, invitations: list(invitation, { mayBeEmpty: true }) }),
  createSchool: createdSchool,
  createProvider: createdProvider,
  createEmployer: obj<Organisation>({ ...organisationFields, sector: str, registeredApprenticeshipProvider: bool }),
  'school: its own careers leader': ownSchool,
  'school: a provider looking at it': otherSchool,
  'organisation: its own member': ownProvider,
  updateSchool: createdSchool,
  updateOrganisation: createdProvider,
  adminOrganisations: items(publicOrganisation),
  verify: publicOrganisation,
  calendar,
  saveCalendar: calendar,
  policy: policyState,
  savePolicy: draftPolicy,
  publishPolicy: publishedPolicy,
  publicPolicy,
  checkSlot: slotCheck,
  createSlot: slot,
  slots: items(slot),
  slot: obj<Omit<SearchSlot, 'distanceKm'>>({ ...partnerFields, schoolUrn: str }),
  withdrawSlot: obj<Slot>({ ...slotFields, status: lit('cancelled') }),
  searchSlots: obj<{ items: SearchSlot[]; nextCursor: string | null }>({ items: list(searchSlot), nextCursor: nullable(str) }),
  requestSlot: obj<Booking>({ ...bookingFields, status: lit('requested'), accompanyingEmployer: str }),
  myBookings: items(booking),
  'schoolBookings: all': items(booking),
  'schoolBookings: requested': items(obj<Booking>({ ...bookingFields, status: lit('requested') })),
  'booking: requested': detail(bookingFields),
  'booking: declined': detail({ ...bookingFields, status: lit('declined'), declineGround: ground, note: str }),
  'booking: cancelled': detail({ ...bookingFields, status: lit('cancelled'), reason: str }),
  'booking: delivered': detail({ ...bookingFields, status: lit('delivered'), note: str }),
  approve: obj<Booking>({ ...bookingFields, status: lit('confirmed') }),
  decline: declinedBooking,
  withdraw: obj<Booking>({ ...bookingFields, status: lit('withdrawn') }),
  cancel: cancelledBooking,
  attendance: obj<Booking>({ ...bookingFields, status: lit('delivered'), note: str }),
  bookingIcs: check<string>((v, path, problems) => {
    if (typeof v !== 'string' || !v.startsWith('BEGIN:VCALENDAR')) problems.push(`${path}: the web saves this as an .ics file, the API sent ${kindOf(v)}`);
  }),
  propose: obj<Proposal>({ ...proposalFields, status: lit('proposed') }),
  proposals: items(proposal),
  'proposal: accepted': acceptedProposal,
  'proposal: declined, as its proposer sees it': declinedProposal,
  myProposals: items(proposal),
  acceptProposal: slot,
  compliance,
  deliveryFailures: items(deliveryFailure),
  'problem: a rule refused it': ruleProblem,
  'problem: a field refused it': fieldProblem,
};

// ---- one school's term, from sign-up to a delivered encounter ------------------------------------

describe('the API answers every typed call of the web app in the shape the web reads', () => {
  let world: World;
  let school: SchoolSetup;
  const seen: Record<string, unknown> = {};
  /** The year 7 line of a rules check: it counts toward no phase, and the page says why. */
  let noPhaseCheck: SlotCheck;

  beforeAll(async () => {
    world = await createWorld();
    const admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
    const a = await setUpProvider(world, admin);
    const b = await setUpProvider(world, admin);
    const s = `/v1/schools/${school.schoolId}`;
    const lead = school.leader.token;

    async function call(label: string | null, token: string | undefined, method: string, path: string, status: number, body?: unknown) {
      const res = await world.call(token, method, path, body);
      expect(res.status, `${label ?? path}: ${JSON.stringify(res.body)}`).toBe(status);
      if (label) seen[label] = res.body;
      return res.body;
    }

    // Organisations and people.
    await call('me: a careers leader', lead, 'GET', '/v1/me', 200);
    const invitee = await world.user('invitee');
    await call(null, lead, 'POST', `/v1/organisations/${school.schoolId}/invitations`, 201, { email: invitee.email, role: 'staff' });
    await call('me: invited, not yet joined', invitee.token, 'GET', '/v1/me', 200);
    await call(null, invitee.token, 'POST', `/v1/invitations/${school.schoolId}/accept`, 201);
    await call('me: after joining', invitee.token, 'GET', '/v1/me', 200);

    const newcomer = await world.user('newcomer');
    await call('createSchool', newcomer.token, 'POST', '/v1/schools', 201, {
      urn: '9100001',
      name: 'Newcomer Academy',
      address: '2 Low Road, Leeds',
      postcode: 'LS2 2BB',
      yearGroups: { from: 7, to: 11 },
      roll: { '7': 120, '8': 120, '9': 120, '10': 120, '11': 120 },
      venues: [{ name: 'Hall', capacity: 300 }],
    });
    await call('createProvider', newcomer.token, 'POST', '/v1/providers', 201, {
      ukprn: '19000001',
      name: 'Newcomer College',
      providerType: 'fe_college',
      offers: ['t_levels'],
      postcode: 'LS3 3CC',
      location: { latitude: 53.8, longitude: -1.57 },
    });
    const employer = await call('createEmployer', newcomer.token, 'POST', '/v1/employers', 201, { name: 'Meridian Engineering', sector: 'Engineering', postcode: 'LS10 1AB' });
    await call('verify', admin.token, 'POST', `/v1/admin/organisations/${employer.id}/verify`, 200);
    await call('adminOrganisations', admin.token, 'GET', '/v1/admin/organisations?kind=provider', 200);

    const own = await call('school: its own careers leader', lead, 'GET', s, 200);
    await call('school: a provider looking at it', a.user.token, 'GET', s, 200);
    await call('organisation: its own member', a.user.token, 'GET', `/v1/organisations/${a.orgId}`, 200);
    await call('updateSchool', lead, 'PATCH', s, 200, { address: '1 High Street, Leeds' });
    await call('updateOrganisation', a.user.token, 'PATCH', `/v1/organisations/${a.orgId}`, 200, { website: 'https://college.example' });

    // Calendar and policy.
    await call('saveCalendar', lead, 'PUT', `${s}/calendar`, 200, {
      ...calendar2026,
      weekdayOverrides: [{ weekday: 5, start: '08:45', end: '14:30' }],
      yearGroupOverrides: [{ yearGroups: [7, 8], start: '08:45', end: '15:05' }],
    });
    await call('calendar', lead, 'GET', `${s}/calendar`, 200);
    await call('savePolicy', lead, 'PUT', `${s}/policy`, 201, policy());
    await call('publishPolicy', lead, 'POST', `${s}/policy/publish`, 200);
    await call(null, lead, 'PUT', `${s}/policy`, 201, policy({ noticePeriodSchoolDays: 4 }));
    await call('policy', lead, 'GET', `${s}/policy`, 200);
    await call('publicPolicy', undefined, 'GET', `/v1/public/schools/${own.urn}/policy`, 200);

    // Slots: a rules check with a year group in no phase, then slots for every booking state.
    noPhaseCheck = await call('checkSlot', lead, 'POST', `${s}/slots/check`, 200, {
      title: 'Saturday assembly',
      date: '2026-11-14',
      start: '08:50',
      end: '09:20',
      yearGroups: [7, 9],
      format: 'assembly',
      venueId: school.hallId,
      places: 1,
      statutory: true,
    });
    const deliveredSlot = await call('createSlot', lead, 'POST', `${s}/slots`, 201, {
      title: 'Year 9 assembly: routes after GCSEs',
      date: '2026-11-18',
      start: '08:50',
      end: '09:20',
      yearGroups: [9],
      format: 'assembly',
      venueId: school.hallId,
      places: 2,
      statutory: true,
    });
    const supplementarySlot = await publishSlot(world, school, { date: '2026-11-24', yearGroups: [10], statutory: false, format: 'workshop' });
    const laterSlot = await publishSlot(world, school, { date: '2026-12-01' });
    const spareSlot = await publishSlot(world, school, { date: '2026-12-08', statutory: false });
    await call('withdrawSlot', lead, 'POST', `${s}/slots/${spareSlot.id}/withdraw`, 200);
    await call('slots', lead, 'GET', `${s}/slots`, 200);
    await call('slot', a.user.token, 'GET', `${s}/slots/${deliveredSlot.id}`, 200);
    await call('searchSlots', a.user.token, 'GET', `/v1/slots?orgId=${a.orgId}&from=2026-11-01&to=2026-12-31&limit=20`, 200);

    // Bookings in every state the pages show.
    const delivered = await call('requestSlot', a.user.token, 'POST', `/v1/organisations/${a.orgId}/requests`, 201, {
      schoolId: school.schoolId,
      slotId: deliveredSlot.id,
      message: 'We would love to come.',
      accompanyingEmployer: 'Meridian Engineering',
    });
    await call('approve', lead, 'POST', `${s}/bookings/${delivered.id}/approve`, 200, {});
    const cancelled = (await request(world, a, school.schoolId, supplementarySlot.id)).body;
    await call(null, lead, 'POST', `${s}/bookings/${cancelled.id}/approve`, 200, {});
    await call('cancel', a.user.token, 'POST', `${s}/bookings/${cancelled.id}/cancel`, 200, { reason: 'Speaker ill' });
    const declined = (await request(world, b, school.schoolId, supplementarySlot.id)).body;
    await call('problem: a field refused it', lead, 'POST', `${s}/bookings/${declined.id}/decline`, 400, { groundId: 'we-are-busy' });
    await call('decline', lead, 'POST', `${s}/bookings/${declined.id}/decline`, 200, { groundId: 'exam-clash', note: 'Mocks that week' });
    await call('problem: a rule refused it', lead, 'POST', `${s}/bookings/${declined.id}/approve`, 409, {});
    const withdrawn = (await request(world, a, school.schoolId, laterSlot.id)).body;
    await call('withdraw', a.user.token, 'POST', `${s}/bookings/${withdrawn.id}/withdraw`, 200);
    const confirmed = (await request(world, b, school.schoolId, laterSlot.id)).body;
    await call(null, lead, 'POST', `${s}/bookings/${confirmed.id}/approve`, 200, {});
    const requested = (await request(world, a, school.schoolId, laterSlot.id)).body;
    await call('bookingIcs', b.user.token, 'GET', `${s}/bookings/${confirmed.id}/ics`, 200);

    // Proposed times: one accepted, one declined.
    const accepted = await call('propose', a.user.token, 'POST', `/v1/organisations/${a.orgId}/proposals`, 201, {
      schoolId: school.schoolId,
      date: '2026-11-25',
      start: '10:00',
      end: '10:30',
      yearGroups: [9],
      format: 'talk',
      message: 'A talk on T Levels',
    });
    const refused = await call(null, b.user.token, 'POST', `/v1/organisations/${b.orgId}/proposals`, 201, {
      schoolId: school.schoolId,
      date: '2026-11-26',
      start: '10:00',
      end: '10:30',
      yearGroups: [10],
      format: 'workshop',
      message: '',
    });
    await call('acceptProposal', lead, 'POST', `${s}/proposals/${accepted.id}/accept`, 201, { venueId: school.hallId, title: 'T Levels talk', places: 1, statutory: false });
    await call(null, lead, 'POST', `${s}/proposals/${refused.id}/decline`, 200, { groundId: 'need-met', note: 'Another college is coming' });
    await call('proposals', lead, 'GET', `${s}/proposals`, 200);
    await call('proposal: accepted', lead, 'GET', `${s}/proposals/${accepted.id}`, 200);
    await call('proposal: declined, as its proposer sees it', b.user.token, 'GET', `${s}/proposals/${refused.id}`, 200);
    await call('myProposals', a.user.token, 'GET', `/v1/organisations/${a.orgId}/proposals`, 200);

    // The day of the first encounter: it took place.
    world.clock.now = new Date('2026-11-18T15:00:00Z');
    await call('attendance', lead, 'POST', `${s}/bookings/${delivered.id}/attendance`, 200, { delivered: true, note: 'Pupils asked good questions' });

    await call('myBookings', a.user.token, 'GET', `/v1/organisations/${a.orgId}/bookings`, 200);
    await call('schoolBookings: all', lead, 'GET', `${s}/bookings`, 200);
    await call('schoolBookings: requested', lead, 'GET', `${s}/bookings?status=requested`, 200);
    await call('booking: requested', lead, 'GET', `${s}/bookings/${requested.id}`, 200);
    await call('booking: declined', b.user.token, 'GET', `${s}/bookings/${declined.id}`, 200);
    await call('booking: cancelled', lead, 'GET', `${s}/bookings/${cancelled.id}`, 200);
    await call('booking: delivered', a.user.token, 'GET', `${s}/bookings/${delivered.id}`, 200);
    await call('compliance', lead, 'GET', `${s}/compliance`, 200);

    await putDeliveryFailure(world.db, {
      orgId: school.schoolId,
      eventId: 'evt-contract-1',
      recipient: a.user.email,
      recipientName: 'College',
      recipientOrgId: a.orgId,
      eventKind: 'booking.cancelled',
      messageKind: 'booking-cancelled',
      bookingId: cancelled.id,
      summary: 'Cancellation for the Year 10 workshop, 24 November 2026',
      error: 'Address does not exist',
      errorName: 'MessageRejected',
      attempts: 3,
      failedAt: '2026-11-18T14:00:00.000Z',
      status: 'failed',
      source: {},
    });
    await call('deliveryFailures', lead, 'GET', `/v1/organisations/${school.schoolId}/delivery-failures`, 200);
  });

  it('the checks catch a missing field, a wrong type and an empty list', () => {
    const c = obj<{ a: string; b: number[]; c?: { d: boolean } }>({ a: str, b: list(num), c: opt(obj({ d: bool })) });
    expect(mismatches(c, { a: 'x', b: [1] })).toEqual([]);
    expect(mismatches(c, { b: [], c: { d: 'yes' } })).toEqual([
      '$.a: the web expects a string, the API sent undefined',
      '$.b: empty, so its items were never checked',
      '$.c.d: the web expects a boolean, the API sent string',
    ]);
  });

  it('calls every endpoint the checks name, and checks every answer it records', () => {
    expect(Object.keys(seen).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.keys(EXPECTED))('%s', (label) => {
    expect(mismatches(EXPECTED[label]!, seen[label])).toEqual([]);
  });

  it('says in words why a year group counts toward no key phase', () => {
    const line = noPhaseCheck.targets.find((c) => c.yearGroup === 7);
    expect(line).toMatchObject({ phase: null, explanation: expect.stringContaining('Year 7') });
  });

  it('lists the encounters and providers of a phase with a delivered and a confirmed encounter', () => {
    const phase = (seen.compliance as Compliance).cohorts.find((c) => c.yearGroupNow === 9)?.phases.find((p) => p.phase === 1);
    expect(mismatches(busyPhase, phase)).toEqual([]);
  });
});
