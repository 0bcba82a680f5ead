import { createApp, ulid, type TokenVerifier } from '@schoolgate/api';
import { callApi, ensureUser, signIn, type CognitoLocal } from '@schoolgate/local';
import { getOrganisationByUrn, type Db, type FileStore } from '@schoolgate/store';
import { seedWorkExperience } from './demo-work-experience.js';

export const DEMO_PASSWORD = 'Schoolgate-demo-2026';

export const DEMO_USERS = [
  { email: 'admin@schoolgate.local', description: 'platform admin (verifies organisations)', platformAdmin: true },
  { email: 'careers@hartfield.sch.local', description: 'careers leader, Hartfield Academy (11–16)' },
  { email: 'careers@kingsmead.sch.local', description: 'careers leader, Kingsmead School (11–18)' },
  { email: 'careers@northgate-utc.sch.local', description: 'careers leader, Northgate UTC (14–19)' },
  { email: 'careers@ashby-middle.sch.local', description: 'careers leader, Ashby Middle School (Years 5–8; its Year 8 leaves before phase 1 ends)' },
  { email: 'liaison@riverside.ac.local', description: 'schools liaison, Riverside College (FE college)' },
  { email: 'partnerships@brightpath.local', description: 'admin, BrightPath Training (training provider)' },
  { email: 'outreach@meridian-eng.local', description: 'admin, Meridian Engineering (employer)' },
  // evidence (issue 14): a trust with two academies and a careers hub
  { email: 'careers@airevalley-trust.local', description: 'careers lead, Aire Valley Learning Trust (Hartfield and Kingsmead)' },
  { email: 'lead@leeds-careers-hub.local', description: 'hub lead, Leeds Careers Hub (read-only: Hartfield, Kingsmead, Northgate)' },
  // finding each other (issue 15): a primary in the school directory, and two organisations waiting to be verified
  { email: 'careers@beckett-primary.sch.local', description: 'careers lead, Beckett Park Primary (Years 1–6; in the school directory, no policy yet)' },
  { email: 'hello@ridgeway-skills.local', description: 'admin, Ridgeway Skills (training provider waiting to be verified)' },
  { email: 'people@northern-build.local', description: 'admin, Northern Build (employer waiting to be verified)' },
] as const;
type DemoEmail = (typeof DEMO_USERS)[number]['email'];

export interface SeedContext {
  db: Db;
  verifier: TokenVerifier;
  cognito: Pick<CognitoLocal, 'client' | 'userPoolId' | 'clientId'>;
}

const HARTFIELD_URN = '136245';

const calendar = {
  terms: [
    { name: 'Autumn 2026', start: '2026-09-02', end: '2026-12-18' },
    { name: 'Spring 2027', start: '2027-01-05', end: '2027-03-26' },
    { name: 'Summer 2027', start: '2027-04-12', end: '2027-07-21' },
  ],
  closures: [
    { name: 'Autumn half term', kind: 'holiday', start: '2026-10-26', end: '2026-10-30' },
    { name: 'INSET day', kind: 'inset', start: '2026-11-27', end: '2026-11-27' },
    { name: 'Spring half term', kind: 'holiday', start: '2027-02-15', end: '2027-02-19' },
    { name: 'Summer half term', kind: 'holiday', start: '2027-05-31', end: '2027-06-04' },
  ],
  schoolDay: { start: '08:40', end: '15:10' },
  yearGroupOverrides: [{ yearGroups: [7, 8], start: '08:40', end: '15:00' }],
};

/** A middle school's week: everyone finishes at 13:30 on Fridays; Years 5–6 run 08:50–15:00 (so 08:50–13:30 on Fridays). */
const middleSchoolCalendar = {
  ...calendar,
  weekdayOverrides: [{ weekday: 5, start: '08:40', end: '13:30' }],
  yearGroupOverrides: [{ yearGroups: [5, 6], start: '08:50', end: '15:00' }],
};

function policy(school: string, leader: string, email: string, noticeDays: number) {
  return {
    contact: { name: leader, role: 'Careers leader', email, telephone: '0113 496 0123' },
    requestProcedure: `Request a slot on Schoolgate, or email ${email} with the encounter you propose, the year groups it suits and who will deliver it. We answer every request within five school days.`,
    grantingGrounds: 'We grant requests that fit our careers programme, reach whole year groups, and suit the school calendar.',
    refusalGrounds: [
      { id: 'exam-clash', label: 'Clash with exams', description: 'The year group is sitting exams or mocks that week.' },
      { id: 'need-met', label: 'The need is being met elsewhere', description: 'Two different providers have already been booked for this cohort and phase.' },
      { id: 'no-staff', label: 'Unable to provide staff', description: 'We cannot supervise the session on that day.' },
    ],
    premisesAndFacilities: 'The main hall seats every year group, with a projector, PA and step-free access. A member of staff is present at all times; no DBS check is needed for a one-off visit.',
    accessTimes: [
      { weekdays: [1, 2, 3, 4, 5], start: '08:40', end: '09:10', note: 'Year group assemblies' },
      { weekdays: [3], start: '13:30', end: '15:00', note: 'Wednesday afternoon careers sessions' },
    ],
    howWeMeetTheDuty: `${school} gives every pupil two encounters with different providers in each key phase, as assemblies for the whole year group before 28 February.`,
    safeguardingPolicyUrl: 'https://school.example/policies/safeguarding',
    noticePeriodSchoolDays: noticeDays,
    minimumDurationMinutes: 20,
    agreedByGovernorsOn: '2026-07-08',
    nextReviewOn: '2027-07-07',
    careersProgramme: {
      leaderName: leader,
      leaderEmail: email,
      leaderTelephone: '0113 496 0123',
      summary: 'A programme built on the eight Gatsby Benchmarks, from Year 7 to the end of school.',
      impactMeasurement: 'Destinations data, Compass+ and a pupil survey each summer.',
      nextReviewOn: '2027-07-07',
    },
  };
}

/** Seeds a believable world once; returns false when it is already there. */
export async function seedDemoData(ctx: SeedContext): Promise<boolean> {
  if (await getOrganisationByUrn(ctx.db, HARTFIELD_URN)) return false;

  // The seed walks through the autumn term on its own clock, so history (delivered encounters) is real history.
  const clock = { now: new Date('2026-09-07T09:00:00Z') };
  const app = createApp({ db: ctx.db, verifier: ctx.verifier, now: () => clock.now, newId: () => ulid(), webBaseUrl: '' });
  const tokens = {} as Record<DemoEmail, string>;
  for (const user of DEMO_USERS) {
    await ensureUser(ctx.cognito, user.email, DEMO_PASSWORD, { platformAdmin: 'platformAdmin' in user && user.platformAdmin });
    tokens[user.email] = await signIn(ctx.cognito, user.email, DEMO_PASSWORD);
  }
  const call = async (who: DemoEmail, method: string, path: string, body?: unknown) => {
    const answer = await callApi(app, tokens[who], method, path, body);
    if (answer.status >= 300) throw new Error(`Seeding ${method} ${path} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const admin = 'admin@schoolgate.local' as const;

  const schools = [
    { who: 'careers@hartfield.sch.local', urn: HARTFIELD_URN, name: 'Hartfield Academy', leader: 'Priya Shah', from: 7, to: 11, lat: 53.8208, lon: -1.5763, postcode: 'LS6 2AB', address: '12 Mill Lane, Leeds' },
    { who: 'careers@kingsmead.sch.local', urn: '138812', name: 'Kingsmead School', leader: 'Tom Okafor', from: 7, to: 13, lat: 53.7997, lon: -1.5492, postcode: 'LS9 8AG', address: 'Kingsmead Road, Leeds' },
    { who: 'careers@northgate-utc.sch.local', urn: '141990', name: 'Northgate UTC', leader: 'Jo Williams', from: 10, to: 13, lat: 53.7456, lon: -1.6001, postcode: 'LS27 0QF', address: '1 Engine Yard, Morley' },
    { who: 'careers@ashby-middle.sch.local', urn: '121437', name: 'Ashby Middle School', leader: 'Ruth Adeyemi', from: 5, to: 8, lat: 53.8312, lon: -1.6204, postcode: 'LS18 4HL', address: 'Ashby Lane, Horsforth' },
  ] as const;
  const made: Record<string, { id: string; hall: string; studio: string; who: DemoEmail }> = {};
  for (const s of schools) {
    const roll: Record<string, number> = {};
    for (let y = s.from; y <= s.to; y++) roll[String(y)] = y >= 12 ? 95 : 180 - (y - 7) * 3;
    const school = await call(s.who, 'POST', '/v1/schools', {
      urn: s.urn,
      name: s.name,
      address: s.address,
      postcode: s.postcode,
      location: { latitude: s.lat, longitude: s.lon },
      yearGroups: { from: s.from, to: s.to },
      roll,
      venues: [
        { name: 'Main hall', capacity: 420, facilities: ['projector', 'PA system', 'step-free access'] },
        { name: 'Drama studio', capacity: 90, facilities: ['projector'] },
      ],
      notifications: { contactEmail: s.who, reminderDaysBefore: [7, 1] },
    });
    await call(admin, 'POST', `/v1/admin/organisations/${school.id}/verify`);
    await call(s.who, 'PUT', `/v1/schools/${school.id}/calendar`, s.from === 5 ? middleSchoolCalendar : calendar);
    await call(s.who, 'PUT', `/v1/schools/${school.id}/policy`, policy(s.name, s.leader, s.who, s.urn === '141990' ? 3 : 5));
    await call(s.who, 'POST', `/v1/schools/${school.id}/policy/publish`);
    made[s.urn] = { id: school.id, hall: school.venues[0].id, studio: school.venues[1].id, who: s.who };
  }

  const riverside = await call('liaison@riverside.ac.local', 'POST', '/v1/providers', {
    ukprn: '10005521', name: 'Riverside College', providerType: 'fe_college', offers: ['t_levels', 'apprenticeships', 'htqs'],
    address: 'Riverside Campus, Leeds', postcode: 'LS11 5DL', location: { latitude: 53.7905, longitude: -1.5466 }, website: 'https://riverside.example',
  });
  const brightpath = await call('partnerships@brightpath.local', 'POST', '/v1/providers', {
    ukprn: '10034412', name: 'BrightPath Training', providerType: 'itp', offers: ['apprenticeships'],
    postcode: 'LS12 6HL', location: { latitude: 53.7926, longitude: -1.5921 },
  });
  const meridian = await call('outreach@meridian-eng.local', 'POST', '/v1/employers', {
    name: 'Meridian Engineering', sector: 'Advanced manufacturing', companiesHouseNumber: '08123456', postcode: 'LS10 1NE', location: { latitude: 53.774, longitude: -1.53 },
  });
  for (const org of [riverside, brightpath, meridian]) await call(admin, 'POST', `/v1/admin/organisations/${org.id}/verify`);

  const hartfield = made[HARTFIELD_URN]!;
  const kingsmead = made['138812']!;
  const northgate = made['141990']!;
  const slotIn = (school: typeof hartfield, date: string, yearGroups: number[], title: string, extra: Record<string, unknown> = {}) =>
    call(school.who, 'POST', `/v1/schools/${school.id}/slots`, {
      title, date, start: '08:40', end: '09:10', yearGroups, format: 'assembly', venueId: school.hall, places: 2, statutory: true, ...extra,
    });
  const ask = (who: DemoEmail, orgId: string, school: typeof hartfield, slotId: string, message: string) =>
    call(who, 'POST', `/v1/organisations/${orgId}/requests`, { schoolId: school.id, slotId, message });
  const decide = (school: typeof hartfield, bookingId: string, action: string, body: unknown = {}) =>
    call(school.who, 'POST', `/v1/schools/${school.id}/bookings/${bookingId}/${action}`, body);

  // Autumn history at Hartfield: Year 9 met phase 1 in October.
  const y9a = await slotIn(hartfield, '2026-10-06', [9], 'Year 9 assembly: T Levels explained');
  const y9b = await slotIn(hartfield, '2026-10-13', [9], 'Year 9 assembly: apprenticeships at 16');
  const r1 = await ask('liaison@riverside.ac.local', riverside.id, hartfield, y9a.id, 'Our T Level team would love to speak to Year 9.');
  const r2 = await ask('partnerships@brightpath.local', brightpath.id, hartfield, y9b.id, 'Two of our apprentices will join us.');
  await decide(hartfield, r1.id, 'approve');
  await decide(hartfield, r2.id, 'approve');
  // A Year 10 talk that fell through on the day.
  const y10a = await slotIn(hartfield, '2026-10-20', [10], 'Year 10 assembly: post-16 choices');
  const r3 = await ask('liaison@riverside.ac.local', riverside.id, hartfield, y10a.id, 'Happy to talk post-16 routes.');
  await decide(hartfield, r3.id, 'approve');

  // Offers (issue 13): a taster day and a workplace tour, published by their hosts and booked by schools.
  const offerDemo = await seedOffers(call, { riverside: riverside.id, meridian: meridian.id, hartfield, kingsmead: made['138812']!, northgate: made['141990']! });

  clock.now = new Date('2026-11-02T16:00:00Z');
  await offerDemo.deliver();
  await decide(hartfield, r1.id, 'attendance', { delivered: true });
  await decide(hartfield, r2.id, 'attendance', { delivered: true });
  await decide(hartfield, r3.id, 'attendance', { delivered: false, note: 'Fire drill overran; rebooking in the spring.' });

  // Upcoming: requests in every state.
  const y8 = await slotIn(hartfield, '2027-01-19', [8], 'Year 8 assembly: what is an apprenticeship?');
  const y10b = await slotIn(hartfield, '2027-01-26', [10, 11], 'Years 10 and 11: technical routes fair', { format: 'careers_fair', places: 4, start: '13:30', end: '14:30' });
  await ask('liaison@riverside.ac.local', riverside.id, hartfield, y8.id, 'We can bring a T Level student ambassador.');
  const declined = await ask('partnerships@brightpath.local', brightpath.id, hartfield, y10b.id, 'Interested in the fair.');
  await decide(hartfield, declined.id, 'decline', { groundId: 'need-met', note: 'Both fair places for this phase are already taken; please try the summer fair.' });
  const fair = await ask('liaison@riverside.ac.local', riverside.id, hartfield, y10b.id, 'We will bring our engineering and health T Level teams.');
  await decide(hartfield, fair.id, 'approve');
  await slotIn(hartfield, '2027-02-09', [9], 'Year 9 supplementary talk', { statutory: false, format: 'talk', venueId: hartfield.studio, places: 1 });
  const workshop = await slotIn(hartfield, '2027-03-03', [8], 'Year 8 employer workshop', { statutory: false, format: 'workshop', places: 1, start: '13:30', end: '14:30' });
  await ask('outreach@meridian-eng.local', meridian.id, hartfield, workshop.id, 'A hands-on bridge-building challenge with our engineers.');

  const k12 = await slotIn(kingsmead, '2027-01-14', [12, 13], 'Sixth form: degree apprenticeships and HTQs');
  const kr = await ask('liaison@riverside.ac.local', riverside.id, kingsmead, k12.id, 'Our HTQ lead can present.');
  await decide(kingsmead, kr.id, 'approve');
  await decide(kingsmead, kr.id, 'cancel', { reason: 'Mock exams moved into this week.' });
  const k9 = await slotIn(kingsmead, '2027-02-02', [9], 'Year 9 assembly: options and technical routes');
  const kw = await ask('partnerships@brightpath.local', brightpath.id, kingsmead, k9.id, 'Would like to present apprenticeships.');
  await call('partnerships@brightpath.local', 'POST', `/v1/schools/${kingsmead.id}/bookings/${kw.id}/withdraw`);

  const n10 = await slotIn(northgate, '2027-01-20', [10], 'Year 10 assembly: engineering apprenticeships');
  await slotIn(northgate, '2027-02-03', [12], 'Year 12 talk: higher technical qualifications', { format: 'talk', start: '13:30', end: '14:10' });
  await ask('partnerships@brightpath.local', brightpath.id, northgate, n10.id, 'Our engineering apprentices would love to come back.');

  // Ashby Middle School: its Year 8 leaves in July 2027, so phase 1 is due by the end of the summer term there.
  const ashby = made['121437']!;
  const a8 = await slotIn(ashby, '2027-03-02', [8], 'Year 8 assembly: T Levels and apprenticeships');
  const ar = await ask('liaison@riverside.ac.local', riverside.id, ashby, a8.id, 'We will bring two T Level students.');
  await decide(ashby, ar.id, 'approve');
  await slotIn(ashby, '2027-03-09', [6], 'Year 6 talk: jobs in our town', { statutory: false, format: 'talk', venueId: ashby.studio, places: 1, start: '09:00', end: '09:30' });

  // Work experience placements (issue 12): Meridian Engineering hosts, Hartfield places pupils.
  await seedWorkExperience({ db: ctx.db, clock, call, hartfieldId: hartfield.id, meridianId: meridian.id });
  await seedEvidence(call, hartfield);
  await seedGroups(call, [hartfield, kingsmead, northgate]);
  await seedGias(call);
  await seedIntegrations(call, riverside.id);
  await seedReschedules(call, { hartfield, ashby, fairId: fair.id, ashbyBookingId: ar.id });
  await seedFinding(call, clock);
  return true;
}

/**
 * Reschedule (issue 15), kept apart so merges stay easy: Riverside asks Hartfield to move the
 * Years 10 and 11 fair a day later (waiting for Hartfield's careers leader), and Ashby asks
 * Riverside to move its Year 8 assembly (waiting for Riverside).
 */
async function seedReschedules(call: DemoCall, ids: { hartfield: DemoSchool; ashby: DemoSchool; fairId: string; ashbyBookingId: string }) {
  await call('liaison@riverside.ac.local', 'POST', `/v1/schools/${ids.hartfield.id}/bookings/${ids.fairId}/reschedule`, {
    date: '2027-01-27', start: '13:30', end: '14:30', message: 'Our engineering team is at a trade show on the 26th; could we come the next day?',
  });
  await call(ids.ashby.who, 'POST', `/v1/schools/${ids.ashby.id}/bookings/${ids.ashbyBookingId}/reschedule`, {
    date: '2027-03-04', start: '09:00', end: '09:30', message: 'Year 8 has a trip on the 2nd; Thursday morning instead?',
  });
}

// ---- Finding each other (issue 15): the school directory and the verification queue ----
/**
 * Beckett Park Primary is verified but has no policy or slots yet, so the directory shows a primary
 * beside the secondaries; Ridgeway Skills and Northern Build register and wait, oldest first, for
 * the platform admin to check their UKPRN and Companies House number.
 */
async function seedFinding(call: DemoCall, clock: { now: Date }) {
  const beckett = await call('careers@beckett-primary.sch.local', 'POST', '/v1/schools', {
    urn: '107912', name: 'Beckett Park Primary', address: 'Beckett Park, Leeds', postcode: 'LS6 3QS',
    yearGroups: { from: 1, to: 6 }, roll: { '6': 60 }, venues: [{ name: 'Hall', capacity: 200, facilities: [] }],
  });
  await call('admin@schoolgate.local', 'POST', `/v1/admin/organisations/${beckett.id}/verify`);
  await call('hello@ridgeway-skills.local', 'POST', '/v1/providers', {
    ukprn: '10077123', name: 'Ridgeway Skills', providerType: 'itp', offers: ['apprenticeships'], postcode: 'LS12 1AB', website: 'https://ridgeway.example',
  });
  clock.now = new Date(clock.now.getTime() + 3_600_000);
  await call('people@northern-build.local', 'POST', '/v1/employers', {
    name: 'Northern Build', sector: 'Construction', companiesHouseNumber: '09876543', postcode: 'LS11 9AA',
  });
}

type DemoCall = (who: DemoEmail, method: string, path: string, body?: unknown) => Promise<any>;
type DemoSchool = { id: string; hall: string; studio: string; who: DemoEmail };

/**
 * Offers (issue 13), kept apart so merges stay easy. Riverside College publishes a T Level taster
 * day at its campus (Kingsmead books Year 9, statutory, confirmed by Riverside; Northgate's Year 10
 * waits for Riverside to confirm); Meridian Engineering publishes a workplace tour, confirmed at
 * once, which Hartfield books for Year 8 and, once the clock has passed it, records as delivered,
 * so Hartfield's Benchmark 5 view shows Year 8 met.
 */
async function seedOffers(call: DemoCall, ids: { riverside: string; meridian: string; hartfield: DemoSchool; kingsmead: DemoSchool; northgate: DemoSchool }) {
  const taster = await call('liaison@riverside.ac.local', 'POST', `/v1/organisations/${ids.riverside}/offers`, {
    title: 'T Level taster day: engineering, construction and digital',
    format: 'campus_taster',
    dates: ['2027-01-12', '2027-01-13', '2027-01-14'],
    start: '09:30',
    end: '14:30',
    capacity: 240,
    yearGroups: [9, 10, 11],
    sector: 'advanced_manufacturing',
    mode: 'in_person',
    description: 'Pupils spend the day in our workshops and labs, try a T Level task with current students, and have lunch on campus.',
  });
  const tour = await call('outreach@meridian-eng.local', 'POST', `/v1/organisations/${ids.meridian}/offers`, {
    title: 'Workplace tour: from design office to test cell',
    format: 'workplace_tour',
    dates: ['2026-10-07', '2026-11-18', '2027-03-10'],
    start: '10:00',
    end: '12:00',
    capacity: 200,
    yearGroups: [7, 8, 9, 10],
    sector: 'advanced_manufacturing',
    mode: 'in_person',
    description: 'Pupils follow a turbine part from the design office to the test cell and talk to our apprentices about their work.',
    instantConfirmation: true,
  });
  await call('liaison@riverside.ac.local', 'POST', `/v1/organisations/${ids.riverside}/offers`, {
    title: 'Virtual talk: careers in digital engineering',
    format: 'talk',
    dates: ['2027-02-03'],
    start: '13:30',
    end: '14:15',
    capacity: 400,
    yearGroups: [10, 11, 12, 13],
    sector: 'digital_and_technologies',
    mode: 'virtual',
    description: 'A live online talk by our digital T Level lecturers, with questions from pupils.',
  });
  const hartfieldTour = await call(ids.hartfield.who, 'POST', `/v1/schools/${ids.hartfield.id}/offer-bookings`, {
    hostOrgId: ids.meridian, offerId: tour.id, date: '2026-10-07', yearGroups: [8], travelMinutes: 30, message: 'Year 8 will come by coach.',
  });
  const kingsmeadTaster = await call(ids.kingsmead.who, 'POST', `/v1/schools/${ids.kingsmead.id}/offer-bookings`, {
    hostOrgId: ids.riverside, offerId: taster.id, date: '2027-01-12', yearGroups: [9], travelMinutes: 25, message: 'The whole of Year 9, with six staff.',
  });
  await call('liaison@riverside.ac.local', 'POST', `/v1/organisations/${ids.riverside}/offer-bookings/${ids.kingsmead.id}/${kingsmeadTaster.id}/confirm`);
  await call(ids.northgate.who, 'POST', `/v1/schools/${ids.northgate.id}/offer-bookings`, {
    hostOrgId: ids.riverside, offerId: taster.id, date: '2027-01-13', yearGroups: [10], travelMinutes: 20, message: 'Year 10 engineering and digital groups together.',
  });
  return {
    deliver: () => call(ids.hartfield.who, 'POST', `/v1/schools/${ids.hartfield.id}/bookings/${hartfieldTour.id}/attendance`, { delivered: true }),
  };
}

/**
 * Integrations (issue 18): Riverside College's CRM holds a read-only API key, an older key is
 * revoked, and a webhook endpoint hears of confirmations (its host does not exist, so on a local
 * run its deliveries fail after three tries and show under "Failed deliveries" with "Send again").
 */
async function seedIntegrations(call: (who: DemoEmail, method: string, path: string, body?: unknown) => Promise<any>, riversideId: string) {
  const who = 'liaison@riverside.ac.local' as const;
  await call(who, 'POST', `/v1/organisations/${riversideId}/api-keys`, { name: 'Riverside CRM', scope: 'read' });
  const old = await call(who, 'POST', `/v1/organisations/${riversideId}/api-keys`, { name: 'Old spreadsheet import', scope: 'read-write' });
  await call(who, 'POST', `/v1/organisations/${riversideId}/api-keys/${old.keyId}/revoke`);
  await call(who, 'POST', `/v1/organisations/${riversideId}/webhooks`, { url: 'https://crm.riverside.example/schoolgate/webhooks', events: ['booking.confirmed', 'booking.cancelled'] });
}

// ───────────────────────── Work experience: safety packs (we-pack) ─────────────────────────

/** A one-page PDF saying what it is, so a demo download opens as a real document. */
export function demoPdf(lines: string[]): Buffer {
  const text = lines.map((line, i) => `BT /F1 14 Tf 60 ${760 - i * 22} Td (${line.replace(/[()\\]/g, '')}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body);
}

/**
 * Safety packs: Meridian Engineering's pack with its insurance certificate, signed off by Hartfield
 * for 2026/27; BrightPath Training (a provider that hosts) with insurance expiring soon, unsigned.
 * Runs after seedDemoData, through the API, with the files going to the S3 stand-in.
 */
export async function seedSafetyPackDemo(ctx: SeedContext & { files: FileStore }): Promise<void> {
  const clock = { now: new Date('2026-09-21T09:00:00Z') };
  const app = createApp({ db: ctx.db, verifier: ctx.verifier, now: () => clock.now, newId: () => ulid(), webBaseUrl: '', files: ctx.files });
  const token = async (email: DemoEmail) => signIn(ctx.cognito, email, DEMO_PASSWORD);
  const call = async (who: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const answer = await callApi(app, who, method, path, body, headers);
    if (answer.status >= 300) throw new Error(`Seeding ${method} ${path} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const orgOf = async (who: string) => ((await call(who, 'GET', '/v1/me')).memberships as Array<{ orgId: string }>)[0]!.orgId;
  const upload = async (who: string, orgId: string, fileName: string, lines: string[]) => {
    const bytes = demoPdf(lines);
    const ticket = await call(who, 'POST', `/v1/organisations/${orgId}/safety-pack/uploads`, { fileName, contentType: 'application/pdf', size: bytes.length });
    const put = await fetch(ticket.url, { method: 'PUT', body: new Uint8Array(bytes), headers: ticket.headers });
    if (!put.ok) throw new Error(`Seeding upload ${fileName} failed: ${put.status}`);
    return { fileId: ticket.fileId as string, fileName };
  };

  const meridianUser = await token('outreach@meridian-eng.local');
  const meridian = await orgOf(meridianUser);
  const pack = await call(meridianUser, 'PUT', `/v1/organisations/${meridian}/safety-pack`, {
    insurance: {
      insurer: 'Aire Valley Mutual',
      policyNumber: 'EL-448120',
      expiresOn: '2027-08-31',
      certificate: await upload(meridianUser, meridian, 'Employers liability certificate 2026-27.pdf', ['Certificate of employers liability insurance', 'Meridian Engineering Ltd', 'Policy EL-448120, Aire Valley Mutual', 'Valid to 31 August 2027']),
    },
    healthAndSafety: { policy: await upload(meridianUser, meridian, 'Health and safety policy.pdf', ['Meridian Engineering: health and safety policy', 'Signed by the managing director, July 2026']) },
    riskAssessments: [{ file: await upload(meridianUser, meridian, 'Workshop risk assessment.pdf', ['Risk assessment: workshop and drawing office', 'Young persons under 16: PPE, no machine operation']) }],
    safeguarding: {
      contactName: 'Helen Okafor',
      contactEmail: 'safeguarding@meridian-eng.local',
      supervisorSelection: 'Supervisors are permanent engineers with at least two years’ service, chosen by the engineering manager, who complete our safeguarding briefing each year; the school decides whether a DBS check is needed.',
    },
  });
  const hartfieldUser = await token('careers@hartfield.sch.local');
  const hartfield = await orgOf(hartfieldUser);
  clock.now = new Date('2026-09-28T10:15:00Z');
  for (const check of ['insurance', 'healthAndSafety', 'riskAssessment', 'safeguarding']) {
    await call(hartfieldUser, 'POST', `/v1/schools/${hartfield}/safety-packs/${meridian}/sign-offs`, { academicYear: '2026-27', check, packVersion: pack.packVersion });
  }

  const brightpathUser = await token('partnerships@brightpath.local');
  const brightpath = await orgOf(brightpathUser);
  await call(brightpathUser, 'PUT', `/v1/organisations/${brightpath}/safety-pack`, {
    insurance: {
      insurer: 'Pennine Insurance',
      policyNumber: 'PI-20931',
      expiresOn: '2026-12-31',
      certificate: await upload(brightpathUser, brightpath, 'EL certificate.pdf', ['Certificate of employers liability insurance', 'BrightPath Training', 'Valid to 31 December 2026']),
    },
    safeguarding: { contactName: 'Sam Reid', supervisorSelection: 'Our apprenticeship coaches supervise; all hold enhanced DBS checks.' },
  });
}

// ---- Evidence (issue 14): encounters Hartfield recorded from before it joined, and a frozen report ----

/**
 * Hartfield joined in September 2026. Its Year 10 met key phase 1 in 2025/26, before that: the
 * careers leader adds last year's autumn term and roll, and records the two assemblies (one by
 * Riverside College, matched on Schoolgate by its UKPRN; one by a college not on Schoolgate) and a
 * Saturday careers fair, which is kept as supplementary. A snapshot of the report is frozen for the
 * governors' autumn meeting.
 */
async function seedEvidence(call: DemoCall, hartfield: { id: string; who: DemoEmail }) {
  const base = `/v1/schools/${hartfield.id}`;
  await call(hartfield.who, 'PUT', `${base}/calendar`, { ...calendar, terms: [{ name: 'Autumn 2025', start: '2025-09-03', end: '2025-12-19' }, ...calendar.terms] });
  await call(hartfield.who, 'PATCH', base, { rollYear: 2025, roll: { '9': 174 } });
  const record = (date: string, provider: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    call(hartfield.who, 'POST', `${base}/recorded-encounters`, { date, start: '08:40', end: '09:20', yearGroups: [9], format: 'assembly', attendance: 168, provider, ...extra });
  await record('2025-10-07', { name: 'Riverside College', ukprn: '10005521' });
  await record('2025-11-18', { name: 'Leeds City College', ukprn: '10003676', providerType: 'fe_college', offers: ['t_levels', 'apprenticeships'] });
  await record('2025-11-22', { name: 'Leeds City College', ukprn: '10003676', providerType: 'fe_college', offers: ['t_levels'] }, { format: 'careers_fair', start: '10:00', end: '13:00', notes: 'Saturday open morning' });
  await call(hartfield.who, 'POST', `${base}/reports/2026/snapshots`, { label: 'Governors, autumn term' });
}

/** A trust with two academies (Hartfield and Kingsmead consent) and a careers hub that Hartfield, Kingsmead and Northgate opt into. */
async function seedGroups(call: DemoCall, [hartfield, kingsmead, northgate]: Array<{ id: string; who: DemoEmail }>) {
  const trust = await call('careers@airevalley-trust.local', 'POST', '/v1/groups', { kind: 'trust', name: 'Aire Valley Learning Trust' });
  const hub = await call('lead@leeds-careers-hub.local', 'POST', '/v1/groups', { kind: 'hub', name: 'Leeds Careers Hub' });
  const join = async (lead: DemoEmail, groupId: string, school: { id: string; who: DemoEmail }) => {
    await call(lead, 'POST', `/v1/groups/${groupId}/schools`, { schoolId: school.id });
    await call(school.who, 'POST', `/v1/schools/${school.id}/groups/${groupId}/consent`);
  };
  for (const school of [hartfield!, kingsmead!]) await join('careers@airevalley-trust.local', trust.id, school);
  for (const school of [hartfield!, kingsmead!, northgate!]) await join('lead@leeds-careers-hub.local', hub.id, school);
}

// ---- Get Information about Schools (issue 14) ----

/**
 * A small register extract, as a platform admin would import it: the demo's schools (Hartfield and
 * Kingsmead in Aire Valley Learning Trust, so their entries match the demo trust), Roundhay Park
 * Academy (in the trust, not yet on Schoolgate: sign up with URN 149870 to see it pre-filled and
 * invited to the trust) and a closed school. The register's columns, a few of its ~100 others.
 */
export const DEMO_GIAS_EXTRACT = [
  'URN,LA (name),EstablishmentName,TypeOfEstablishment (name),EstablishmentStatus (name),PhaseOfEducation (name),StatutoryLowAge,StatutoryHighAge,Trusts (name),Town,Postcode,SchoolWebsite',
  '136245,Leeds,Hartfield Academy,Academy converter,Open,Secondary,11,16,Aire Valley Learning Trust,Leeds,LS6 2AB,',
  '138812,Leeds,Kingsmead School,Academy sponsor led,Open,Secondary,11,18,Aire Valley Learning Trust,Leeds,LS9 8AG,',
  '149870,Leeds,Roundhay Park Academy,Academy converter,Open,Secondary,11,18,AIRE VALLEY LEARNING TRUST,Leeds,LS8 2AA,',
  '141990,Leeds,Northgate UTC,University technical college,Open,16 plus,14,19,,Morley,LS27 0QF,',
  '121437,Leeds,Ashby Middle School,Community school,Open,Middle deemed secondary,9,13,,Horsforth,LS18 4HL,',
  '107990,Leeds,"Kirkgate High School, Leeds",Community school,Closed,Secondary,11,16,,Leeds,LS2 7AA,',
].join('\r\n');

async function seedGias(call: DemoCall) {
  await call('admin@schoolgate.local', 'POST', '/v1/admin/gias/imports', DEMO_GIAS_EXTRACT);
}
