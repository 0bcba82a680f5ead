import { getSafetyClearance, putSafetyPack, signOffWrites, transact, type Db } from '@schoolgate/store';

/**
 * Demo work experience (issue 12, we-place): Meridian Engineering hosts placements and Hartfield
 * Academy places pupils, in every state — an offer nobody has asked for yet, a request waiting,
 * one declined with a reason, a week confirmed for the spring, and an October week attended with
 * feedback left. The seed's clock is moved here and put back.
 */
export interface WorkExperienceSeed {
  db: Db;
  clock: { now: Date };
  call: (who: 'careers@hartfield.sch.local' | 'outreach@meridian-eng.local', method: string, path: string, body?: unknown) => Promise<any>;
  hartfieldId: string;
  meridianId: string;
}

const MERIDIAN = 'outreach@meridian-eng.local' as const;
const HARTFIELD = 'careers@hartfield.sch.local' as const;

const offer = (overrides: Record<string, unknown>) => ({
  kind: 'placement',
  title: 'Engineering week in the workshop',
  sector: 'advanced_manufacturing',
  tasks: 'Design, machine and test a small gearbox with our apprentices; present it to the team on the last day.',
  whoTheyMeet: 'Apprentices, a design engineer, the quality lead and the workshop manager.',
  feedback: 'Daily check-ins with your supervisor and a written report on the last day.',
  address: 'Meridian Engineering, Hunslet Works, Leeds',
  postcode: 'LS10 1NE',
  attendance: 'in_person',
  dailyStart: '09:00',
  dailyEnd: '15:00',
  placesPerDay: 3,
  yearGroups: [10, 11],
  minimumNoticeDays: 14,
  accessibility: 'Step-free throughout; a quiet room is available; tell us about any support a pupil needs.',
  travel: 'Bus 110 from the city centre stops outside; 15 minutes’ walk from Leeds station.',
  dressCode: 'Sturdy closed shoes and long trousers; we provide overalls, glasses and gloves.',
  supervisor: { name: 'Dev Sharma', email: 'dev.sharma@meridian-eng.local', phone: '0113 496 0101' },
  ...overrides,
});

export async function seedWorkExperience({ db, clock, call, hartfieldId, meridianId }: WorkExperienceSeed): Promise<void> {
  const resume = clock.now;
  clock.now = new Date('2026-09-08T09:00:00Z');

  // Hartfield has signed off Meridian's safety pack for 2026/27 before these confirmations (through
  // the pack's store functions: this seed's API has no file store). seedSafetyPackDemo, which runs
  // after, replaces the pack with one holding its files and Hartfield signs that version off again.
  const at = clock.now.toISOString();
  const pack = await putSafetyPack(
    db,
    meridianId,
    {
      insurance: { insurer: 'Northern Mutual', policyNumber: 'EL-4471-22', expiresOn: '2027-08-31' },
      safeguarding: { contactName: 'Dev Sharma', contactEmail: 'dev.sharma@meridian-eng.local', supervisorSelection: 'Supervisors are experienced staff chosen by the workshop manager; all hold enhanced DBS checks.' },
    },
    0,
    at,
    MERIDIAN,
  );
  const signed = { signedBy: HARTFIELD, signedByEmail: HARTFIELD, signedAt: at, packVersion: pack.packVersion };
  const existing = await getSafetyClearance(db, hartfieldId, meridianId, '2026-27');
  await transact(
    db,
    signOffWrites(
      db,
      {
        schoolId: hartfieldId,
        hostOrgId: meridianId,
        academicYear: '2026-27',
        checks: { insurance: signed, healthAndSafety: signed, riskAssessment: signed, safeguarding: signed },
        signedOff: true,
        packVersion: pack.packVersion,
        insuranceExpiresOn: '2027-08-31',
        updatedAt: at,
      },
      existing ? existing.version : null,
    ),
  );

  const october = await call(MERIDIAN, 'POST', `/v1/organisations/${meridianId}/placements`, offer({ days: { kind: 'block', from: '2026-10-12', to: '2026-10-16' } }));
  const spring = await call(MERIDIAN, 'POST', `/v1/organisations/${meridianId}/placements`, offer({ days: { kind: 'block', from: '2027-03-08', to: '2027-03-12' } }));
  const design = await call(MERIDIAN, 'POST', `/v1/organisations/${meridianId}/placements`, offer({
    title: 'Design office days',
    sector: 'digital_and_technologies',
    tasks: 'Model a part in CAD, run a stress simulation and review it with an engineer.',
    days: { kind: 'weekly', weekdays: ['tuesday', 'wednesday'], from: '2027-02-02', to: '2027-02-24' },
    placesPerDay: 2,
    yearGroups: [10],
  }));
  // An activity for Years 7–9: a workshop visit, nobody has asked yet.
  await call(MERIDIAN, 'POST', `/v1/organisations/${meridianId}/placements`, offer({
    kind: 'activity',
    title: 'Year 8 and 9 workshop visit and tour',
    tasks: 'A guided tour of the workshop, a short build challenge and a Q&A with apprentices.',
    days: { kind: 'dates', dates: ['2027-04-20', '2027-04-21'] },
    placesPerDay: 15,
    yearGroups: [8, 9],
    minimumNoticeDays: 21,
  }));

  const pupils = (await call(HARTFIELD, 'POST', `/v1/schools/${hartfieldId}/pupils`, {
    pupils: [
      { reference: 'HA10-0412', firstName: 'Amara', lastName: 'Okafor', yearGroup: 10, supportNotes: 'Uses a wheelchair; needs step-free access.' },
      { reference: 'HA10-0417', firstName: 'Ben', lastName: 'Carter', yearGroup: 10 },
      { reference: 'HA10-0425', firstName: 'Chloe', lastName: 'Davies', yearGroup: 10 },
      { reference: 'HA10-0431', firstName: 'Daniel', lastName: 'Evans', yearGroup: 10, supportNotes: 'Autistic; a written plan for each day helps.' },
      { reference: 'HA10-0438', firstName: 'Eshal', lastName: 'Farooq', yearGroup: 10 },
      { reference: 'HA10-0440', firstName: 'Finn', lastName: 'Gallagher', yearGroup: 10 },
      { reference: 'HA10-0446', firstName: 'Grace', lastName: 'Huang', yearGroup: 10 },
      { reference: 'HA11-0302', firstName: 'Harvey', lastName: 'Iqbal', yearGroup: 11 },
      { reference: 'HA08-0611', firstName: 'Isla', lastName: 'Jones', yearGroup: 8 },
    ],
  })).items as Array<{ id: string }>;
  const [amara, ben, chloe, daniel, eshal, finn, grace, harvey] = pupils.map((p) => p.id);
  const request = (placementId: string, days: string[], pupilIds: string[], message: string) =>
    call(HARTFIELD, 'POST', `/v1/schools/${hartfieldId}/placement-bookings`, { hostOrgId: meridianId, placementId, days, pupilIds, message });
  const consent = async (bookingId: string, pupilIds: string[]) => {
    for (const pupilId of pupilIds) await call(HARTFIELD, 'POST', `/v1/schools/${hartfieldId}/placement-bookings/${bookingId}/consent`, { pupilId, given: true });
  };
  const host = (bookingId: string, action: string, body?: unknown) =>
    call(MERIDIAN, 'POST', `/v1/organisations/${meridianId}/placement-bookings/${hartfieldId}/${bookingId}/${action}`, body);

  // October: a week for three pupils, confirmed, attended (one absent a day) with feedback.
  const octoberWeek = ['2026-10-12', '2026-10-13', '2026-10-14', '2026-10-15', '2026-10-16'];
  const attended = await request(october.id, octoberWeek, [amara!, ben!, chloe!], 'Three Year 10 pupils keen on engineering.');
  await consent(attended.id, [amara!, ben!, chloe!]);
  await host(attended.id, 'confirm');
  // Spring: a week confirmed for two pupils.
  const springWeek = ['2027-03-08', '2027-03-09', '2027-03-10', '2027-03-11', '2027-03-12'];
  const confirmed = await request(spring.id, springWeek, [daniel!, harvey!], 'Daniel does best with a written plan for each day.');
  await consent(confirmed.id, [daniel!, harvey!]);
  await host(confirmed.id, 'confirm');
  // Design office days: one request declined with a reason, one waiting for Meridian, consent pending.
  const declined = await request(design.id, ['2027-02-02', '2027-02-03'], [eshal!], 'Eshal is interested in design engineering.');
  await host(declined.id, 'decline', { reason: 'Our design office moves building that week; please ask for a later Tuesday.' });
  await request(design.id, ['2027-02-09', '2027-02-10', '2027-02-23', '2027-02-24'], [finn!, grace!], 'Finn and Grace would like the design office days.');
  // we-finish: a confirmed placement Hartfield then cancelled, with the reason Meridian was told.
  const cancelled = await request(design.id, ['2027-02-02', '2027-02-03'], [eshal!], 'Eshal can come on these days after all if your move is done.');
  await consent(cancelled.id, [eshal!]);
  await host(cancelled.id, 'confirm');
  await call(HARTFIELD, 'POST', `/v1/schools/${hartfieldId}/placement-bookings/${cancelled.id}/cancel`, { reason: 'Eshal’s Year 10 geography field trip moved to that week.' });

  clock.now = new Date('2026-10-19T16:00:00Z');
  for (const pupilId of [amara!, ben!, chloe!]) {
    for (const date of octoberWeek) {
      await host(attended.id, 'attendance', { pupilId, date, attended: !(pupilId === chloe && date === '2026-10-16') });
    }
  }
  await host(attended.id, 'feedback', { pupilId: amara, text: 'Asked sharp questions and led the gearbox test; a natural engineer.' });
  await host(attended.id, 'feedback', { pupilId: ben, text: 'Careful and accurate on the lathe; grew in confidence all week.' });
  await host(attended.id, 'feedback', { pupilId: chloe, text: 'Great teamwork; missed Friday, so we sent her the test results.' });
  clock.now = resume;
}
