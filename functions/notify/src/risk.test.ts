import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { computeCompliance, type Encounter, type SchoolFacts, type YearGroup } from '@schoolgate/domain';
import { freePort } from '@schoolgate/local';
import { keys, type Db } from '@schoolgate/store';
import { freshTable } from '../../../test/support/db.js';
import { createSes, type NotifyDeps } from './deps.js';
import { readLocalMail, startLocalSes } from './local-ses.js';
import { composeMessage } from './messages.js';
import { riskAlertsDue, runRiskAlerts, sendRiskAlerts } from './risk.js';

// An 11–16 school. On 20 January 2027: cohort 2024 is in Year 9 (phase 1 ends 28 February 2027,
// 39 days away), cohort 2022 in Year 11 (phase 2 ends the same day), cohort 2025 in Year 8
// (phase 1 ends 28 February 2028).
const school: SchoolFacts = {
  id: 'sch_risk',
  name: 'Hartfield Academy',
  yearGroupsTaught: { from: 7, to: 11 },
  roll: {},
  calendar: { terms: [], closures: [], days: {} },
};
let id = 0;
const encounter = (providerId: string, date: string, yearGroups: YearGroup[], status: Encounter['status']): Encounter => ({
  id: `enc-${(id += 1)}`,
  providerId,
  date,
  start: '10:00',
  end: '11:00',
  yearGroups,
  designation: 'statutory',
  status,
});
const encounters = [
  // Year 9 phase 1: only one provider so far → AT_RISK.
  encounter('college', '2026-01-13', [8], 'delivered'),
  // Year 11 phase 2: two providers, one still to come → ON_TRACK.
  encounter('college', '2026-10-06', [11], 'delivered'),
  encounter('itp', '2027-02-02', [11], 'confirmed'),
];

describe('which phases need an AT_RISK alert', () => {
  it('alerts an AT_RISK phase whose deadline is within six weeks, and nothing else', () => {
    const compliance = computeCompliance(school, encounters, '2027-01-20');
    expect(riskAlertsDue(compliance, '2027-01-20')).toEqual([
      { cohort: 2024, phase: 1, yearGroup: 9, deadline: '2027-02-28', deadlineReason: 'phase_window_ends', confirmed: 1, required: 2 },
    ]);
  });

  it('waits until six weeks before the deadline', () => {
    expect(riskAlertsDue(computeCompliance(school, encounters, '2027-01-10'), '2027-01-10')).toEqual([]);
    expect(riskAlertsDue(computeCompliance(school, encounters, '2027-01-17'), '2027-01-17')).toHaveLength(1);
  });

  it('stops once the phase is on track or its window has closed', () => {
    const fixed = [...encounters, encounter('uni', '2027-02-10', [9], 'confirmed')];
    expect(riskAlertsDue(computeCompliance(school, fixed, '2027-01-20'), '2027-01-20')).toEqual([]);
    expect(riskAlertsDue(computeCompliance(school, encounters, '2027-03-01'), '2027-03-01')).toEqual([]);
  });
});

describe('AT_RISK alerts for a school that loses the cohort before the phase ends', () => {
  // A Years 5–8 middle school: cohort 2025 is in Year 8 during 2026/27 and leaves when the summer
  // term ends on 21 July 2027, seven months before phase 1 closes on 28 February 2028.
  const middle: SchoolFacts = {
    ...school,
    yearGroupsTaught: { from: 5, to: 8 },
    calendar: { terms: [{ name: 'Summer 2027', start: '2027-04-12', end: '2027-07-21' }], closures: [], days: {} },
  };
  const oneProvider = [encounter('college', '2026-11-10', [8], 'delivered')];

  it('alerts six weeks before the cohort leaves, with that day as the deadline and the reason', () => {
    expect(riskAlertsDue(computeCompliance(middle, oneProvider, '2027-06-01'), '2027-06-01')).toEqual([]);
    expect(riskAlertsDue(computeCompliance(middle, oneProvider, '2027-06-15'), '2027-06-15')).toEqual([
      { cohort: 2025, phase: 1, yearGroup: 8, deadline: '2027-07-21', deadlineReason: 'cohort_leaves', confirmed: 1, required: 2 },
    ]);
  });

  it('says in the email that the pupils leave the school', () => {
    const item = riskAlertsDue(computeCompliance(middle, oneProvider, '2027-06-15'), '2027-06-15')[0]!;
    const { content } = composeMessage(
      {
        source: { kind: 'risk-alert', eventKind: 'risk-alert', alert: { schoolId: 'sch_mid', schoolName: 'Ashby Middle School', contactEmail: 'c@a.example', items: [item] } },
        recipient: { email: 'c@a.example', name: 'Ashby Middle School', orgId: 'sch_mid' },
      },
      'https://app.schoolgate.example',
    );
    expect(content.details?.[0]?.value).toBe('1 of 2 encounters confirmed; deadline 21 July 2027, when these pupils leave the school (before the key phase ends)');
  });
});

describe('sending AT_RISK alerts', () => {
  let db: Db;
  let ses: Awaited<ReturnType<typeof startLocalSes>>;
  let deps: NotifyDeps;
  const now = new Date('2027-01-20T07:00:00Z');

  beforeAll(async () => {
    db = await freshTable();
    ses = await startLocalSes({ port: await freePort() });
    deps = { db, ses: createSes({ endpoint: ses.endpoint }), fromAddress: 'notifications@schoolgate.example', webBaseUrl: 'https://app.schoolgate.example' };
  });
  afterAll(async () => {
    await ses?.stop();
  });

  it('emails the school once per phase, however often the job runs', async () => {
    const target = { schoolId: 'sch_once', schoolName: 'Hartfield Academy', contactEmail: 'careers-once@hartfield.example' };
    const compliance = computeCompliance(school, encounters, '2027-01-20');
    expect((await sendRiskAlerts(deps, target, compliance, now))?.status).toBe('sent');
    expect(await sendRiskAlerts(deps, target, compliance, new Date('2027-01-21T07:00:00Z'))).toBeUndefined();

    const mail = (await readLocalMail(ses.endpoint)).filter((email) => email.destination.to.some((to) => to.includes(target.contactEmail)));
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe('At risk: Year 9 provider encounters at Hartfield Academy (deadline 28 February 2027)');
    expect(mail[0]?.body.text).toContain(`https://app.schoolgate.example/schools/${target.schoolId}/compliance`);
  });

  it('sweeps every school listed in the organisation index through the loader it is given', async () => {
    await db.doc.send(
      new PutCommand({ TableName: db.tableName, Item: { ...keys.organisation('sch_sweep'), ...keys.organisationIndex('school', 'sch_sweep'), type: 'organisation' } }),
    );
    const summary = await runRiskAlerts(deps, now, async (schoolId, asOf) => ({
      schoolId,
      schoolName: 'Hartfield Academy',
      contactEmail: `careers-${schoolId}@hartfield.example`,
      compliance: computeCompliance(school, encounters, asOf),
    }));
    expect(summary).toEqual({ schools: 1, alerts: 1, failed: 0 });
  });
});
