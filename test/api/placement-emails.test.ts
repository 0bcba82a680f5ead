import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import ICAL from 'ical.js';
import { freePort } from '@schoolgate/local';
import { listDeliveryFailures, readLocalMail, runRemindersOnce, startLocalSes, startLocalStreamPoller, type LocalSentEmail } from '@schoolgate/notify';
import { icsAttachment, parseInvite } from '../../functions/notify/src/test-support/fixtures.js';
import { setUpSchool, type SchoolSetup } from '../support/fixtures.js';
import { addPupils, publishPlacement, requestDays, setUpEmployer, signOffSafetyPack } from '../support/placements.js';
import { createWorld, type World } from '../support/world.js';

/** Every occurrence of an invite's event (DTSTART and RDATEs), as ical.js expands them: local start, UTC start, local end. */
function occurrences(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  const found: Array<{ start: string; startUtc: string; end: string }> = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next && found.length < 50; next = iterator.next()) {
    const details = event.getOccurrenceDetails(next);
    found.push({ start: details.startDate.toString(), startUtc: details.startDate.toJSDate().toISOString(), end: details.endDate.toString() });
  }
  return found;
}

/**
 * Issue 12's placement emails, end to end: the API's transactions write `placement.*` outbox
 * items, the stream handler the Lambda runs reads DynamoDB Local's stream, and a real local SES
 * (aws-ses-v2-local) takes one email per recipient, with a calendar invite on confirmation and
 * its CANCEL on cancellation; the daily reminders remind both sides before the first day.
 */
describe('work experience placement emails, from the API to the inbox', () => {
  let world: World;
  let school: SchoolSetup;
  let host: Awaited<ReturnType<typeof setUpEmployer>>;
  let ses: Awaited<ReturnType<typeof startLocalSes>>;
  let poller: ReturnType<typeof startLocalStreamPoller>;
  const supervisor = `supervisor-${Date.now().toString(36)}@meridian.example`;
  const webBaseUrl = 'http://127.0.0.1:3000';

  beforeAll(async () => {
    world = await createWorld();
    ses = await startLocalSes({ port: await freePort() });
    poller = startLocalStreamPoller({ db: world.db, streamsEndpoint: inject('dynamoEndpoint'), sesEndpoint: ses.endpoint, fromAddress: 'no-reply@schoolgate.test', webBaseUrl, pollMs: 100 });
    await poller.ready;
    const admin = await world.user('admin', { platformAdmin: true });
    school = await setUpSchool(world, admin);
    host = await setUpEmployer(world, admin, { name: 'Meridian Engineering' });
    await signOffSafetyPack(world.db, school.schoolId, host.orgId);
    expect((await world.call(school.leader.token, 'PUT', `/v1/schools/${school.schoolId}/work-experience/settings`, { consentRequired: false })).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await poller?.stop();
    await ses?.stop();
  });

  const mailsTo = async (address: string, subject: RegExp) => (await readLocalMail(ses.endpoint)).filter((m) => m.destination.to.some((to) => to.toLowerCase().includes(address.toLowerCase())) && subject.test(m.subject));
  async function mailTo(address: string, subject: RegExp): Promise<LocalSentEmail> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const found = await mailsTo(address, subject);
      if (found.length) return found.at(-1)!;
      if (Date.now() > deadline) throw new Error(`no mail to ${address} matching ${subject}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const hostPath = (bookingId: string, action: string) => `/v1/organisations/${host.orgId}/placement-bookings/${school.schoolId}/${bookingId}${action}`;

  it('request → host and supervisor; confirmation → one invite per recipient with every booked day; cancellation → CANCEL of the same UID with the reason', async () => {
    // A weekly pattern: the booked days are not consecutive, and cross no clock change.
    const placement = await publishPlacement(world, host, { days: { kind: 'dates', dates: ['2026-11-16', '2026-11-18', '2026-11-23'] }, supervisor: { name: 'Jo Smith', email: supervisor } });
    const pupils = await addPupils(world, school, 3);
    const asked = await requestDays(world, school, host.orgId, placement.id, placement.days, pupils);
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const bookingId = asked.body.id as string;

    const request = await mailTo(host.user.email, /New placement request/);
    expect(request.body.text).toContain('3 pupils (Year 10)');
    expect(request.body.text).not.toMatch(/Pupil0/);
    expect(request.body.text).toContain(`${webBaseUrl}/organisations/${host.orgId}/work-experience#placement-${bookingId}`);
    await mailTo(supervisor, /New placement request/);

    expect((await world.call(host.user.token, 'POST', hostPath(bookingId, '/confirm'))).status).toBe(200);
    const toSchool = await mailTo(school.leader.email, /^Confirmed:/);
    const toHost = await mailTo(host.user.email, /^Confirmed:/);
    const toSupervisor = await mailTo(supervisor, /^Confirmed:/);
    // The school's contact is also the person who asked: one email, not two.
    expect(await mailsTo(school.leader.email, /^Confirmed:/)).toHaveLength(1);
    expect(toSchool.body.text).toContain(`${webBaseUrl}/schools/${school.schoolId}/work-experience#placement-${bookingId}`);
    expect(toHost.body.text).toContain(`${webBaseUrl}/organisations/${host.orgId}/work-experience#placement-${bookingId}`);
    for (const mail of [toSchool, toHost, toSupervisor]) {
      const ics = icsAttachment(mail);
      const invite = parseInvite(ics);
      expect(invite).toMatchObject({ method: 'REQUEST', uid: `placement-${bookingId}@schoolgate`, status: 'CONFIRMED', startZone: 'Europe/London', startLocal: '2026-11-16T09:00:00', endLocal: '2026-11-16T15:00:00' });
      expect(invite.location).toContain('LS11 5DF');
      expect(occurrences(ics)).toEqual([
        { start: '2026-11-16T09:00:00', startUtc: '2026-11-16T09:00:00.000Z', end: '2026-11-16T15:00:00' },
        { start: '2026-11-18T09:00:00', startUtc: '2026-11-18T09:00:00.000Z', end: '2026-11-18T15:00:00' },
        { start: '2026-11-23T09:00:00', startUtc: '2026-11-23T09:00:00.000Z', end: '2026-11-23T15:00:00' },
      ]);
    }
    const confirmedInvite = parseInvite(icsAttachment(toSchool));

    expect((await world.call(host.user.token, 'POST', hostPath(bookingId, '/cancel'), { reason: 'Our workshop floods: we must close that fortnight' })).status).toBe(200);
    const cancelled = await mailTo(school.leader.email, /^Cancelled by Meridian Engineering/);
    expect(cancelled.body.text).toContain('Our workshop floods: we must close that fortnight');
    const cancel = parseInvite(icsAttachment(cancelled));
    expect(cancel).toMatchObject({ method: 'CANCEL', uid: confirmedInvite.uid, status: 'CANCELLED' });
    expect(cancel.sequence).toBeGreaterThan(confirmedInvite.sequence);
    expect(parseInvite(icsAttachment(await mailTo(supervisor, /^Cancelled by/)))).toMatchObject({ method: 'CANCEL', uid: confirmedInvite.uid });
  }, 60_000);

  it('a decline tells the school the host’s reason', async () => {
    const placement = await publishPlacement(world, host, { days: { kind: 'dates', dates: ['2026-12-07'] }, title: 'Design office day' });
    const pupils = await addPupils(world, school, 1);
    const asked = await requestDays(world, school, host.orgId, placement.id, placement.days, pupils);
    expect(asked.status).toBe(201);
    expect((await world.call(host.user.token, 'POST', hostPath(asked.body.id, '/decline'), { reason: 'Our supervisor is away that day' })).status).toBe(200);
    const declined = await mailTo(school.leader.email, /^Declined: Design office day/);
    expect(declined.body.text).toContain('Reason: Our supervisor is away that day');
    expect(declined.attachments).toEqual([]);
  }, 90_000);

  it('reminds both sides 7 days before the first day, once however often the daily job runs, and records a failed send for its organisation', async () => {
    const placement = await publishPlacement(world, host, { days: { kind: 'block', from: '2027-01-11', to: '2027-01-15' }, title: 'January week', supervisor: { name: 'Jo Smith', email: supervisor } });
    const pupils = await addPupils(world, school, 2);
    const asked = await requestDays(world, school, host.orgId, placement.id, placement.days, pupils);
    expect(asked.status).toBe(201);
    expect((await world.call(host.user.token, 'POST', hostPath(asked.body.id, '/confirm'))).status).toBe(200);

    // A cancelled placement starting the same day is not reminded (it left the by-date index with its cancellation).
    const other = await publishPlacement(world, host, { days: { kind: 'dates', dates: ['2027-01-11'] }, title: 'Cancelled day' });
    const pupil = await addPupils(world, school, 1);
    const otherAsk = await requestDays(world, school, host.orgId, other.id, other.days, pupil);
    expect((await world.call(host.user.token, 'POST', hostPath(otherAsk.body.id, '/confirm'))).status).toBe(200);
    expect((await world.call(school.leader.token, 'POST', `/v1/schools/${school.schoolId}/placement-bookings/${otherAsk.body.id}/cancel`, { reason: 'Trip clash' })).status).toBe(200);

    const deps = { db: world.db, sesEndpoint: ses.endpoint, fromAddress: 'no-reply@schoolgate.test', webBaseUrl };
    const weekBefore = new Date('2027-01-04T07:00:00Z');
    const first = await runRemindersOnce(deps, weekBefore);
    expect(first.failed).toBe(0);
    const toSchool = await mailTo(school.leader.email, /^Reminder: January week/);
    expect(toSchool.body.text).toContain('in 7 days');
    expect(toSchool.body.text).toContain(`${webBaseUrl}/schools/${school.schoolId}/work-experience#placement-${asked.body.id}`);
    await mailTo(host.user.email, /^Reminder: January week/);
    await mailTo(supervisor, /^Reminder: January week/);
    await runRemindersOnce(deps, weekBefore);
    expect(await mailsTo(school.leader.email, /^Reminder: January week/)).toHaveLength(1);
    expect(await mailsTo(supervisor, /^Reminder: January week/)).toHaveLength(1);

    // The same failure handling as booking reminders: SES down → recorded for the organisation, marker given back.
    const down = await runRemindersOnce({ ...deps, sesEndpoint: `http://127.0.0.1:${await freePort()}` }, new Date('2027-01-10T07:00:00Z'));
    expect(down.failed).toBeGreaterThan(0);
    const failures = await listDeliveryFailures(world.db, school.schoolId);
    expect(failures.some((f) => f.messageKind === 'placement-reminder' && f.bookingId === asked.body.id)).toBe(true);
    const retried = await runRemindersOnce(deps, new Date('2027-01-10T07:00:00Z'));
    expect(retried.failed).toBe(0);
    expect(await mailsTo(school.leader.email, /^Reminder: January week/)).toHaveLength(2);
    expect(await mailsTo(school.leader.email, /^Reminder: Cancelled day/)).toHaveLength(0);
  }, 90_000);
});
