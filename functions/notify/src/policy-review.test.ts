import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { freePort } from '@schoolgate/local';
import { keys, type Db } from '@schoolgate/store';
import { freshTable } from '../../../test/support/db.js';
import { createSes, type NotifyDeps } from './deps.js';
import { readLocalMail, startLocalSes } from './local-ses.js';
import { runPolicyReviewReminders, sendPolicyReviewReminder } from './policy-review.js';

describe('the policy review reminder', () => {
  let db: Db;
  let ses: Awaited<ReturnType<typeof startLocalSes>>;
  let deps: NotifyDeps;
  beforeAll(async () => {
    db = await freshTable();
    ses = await startLocalSes({ port: await freePort() });
    deps = { db, ses: createSes({ endpoint: ses.endpoint }), fromAddress: 'notifications@schoolgate.example', webBaseUrl: 'https://app.schoolgate.example' };
  });
  afterAll(async () => {
    await ses?.stop();
  });
  const mailTo = async (address: string) => (await readLocalMail(ses.endpoint)).filter((email) => email.destination.to.some((to) => to.includes(address)));

  it('waits until 30 days before the review date, then emails the careers leader once, however often the job runs', async () => {
    const school = { schoolId: 'sch_review', schoolName: 'Hartfield Academy', contactEmail: 'careers-review@hartfield.example', policyVersion: 2, nextReviewOn: '2027-07-09' };
    expect(await sendPolicyReviewReminder(deps, school, new Date('2027-06-08T06:00:00Z'))).toBeUndefined();
    expect(await mailTo(school.contactEmail)).toHaveLength(0);
    expect((await sendPolicyReviewReminder(deps, school, new Date('2027-06-09T06:00:00Z')))?.status).toBe('sent');
    expect(await sendPolicyReviewReminder(deps, school, new Date('2027-06-10T06:00:00Z'))).toBeUndefined();
    expect(await sendPolicyReviewReminder(deps, school, new Date('2027-07-20T06:00:00Z'))).toBeUndefined();
    const mail = await mailTo(school.contactEmail);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe("Due 9 July 2027: review Hartfield Academy's provider access policy");
    expect(mail[0]?.body.text).toContain('https://app.schoolgate.example/schools/sch_review/policy');
    // A newly published policy with a new review date gets its own reminder, overdue if it is already past.
    expect((await sendPolicyReviewReminder(deps, { ...school, policyVersion: 3, nextReviewOn: '2027-07-15' }, new Date('2027-07-20T06:00:00Z')))?.status).toBe('sent');
    expect((await mailTo(school.contactEmail)).map((m) => m.subject)).toContain("Overdue: review Hartfield Academy's provider access policy (was due 15 July 2027)");
  });

  it('sweeps every school with a published policy', async () => {
    const schoolId = 'sch_review_sweep';
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          ...keys.organisation(schoolId),
          ...keys.organisationIndex('school', schoolId),
          type: 'organisation',
          id: schoolId,
          kind: 'school',
          name: 'Kingsmead School',
          notifications: { contactEmail: 'careers@kingsmead.example', reminderDaysBefore: [] },
        },
      }),
    );
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...keys.publishedPolicy(schoolId), type: 'published-policy', version: 1, policy: { version: 1, nextReviewOn: '2027-07-01', refusalGrounds: [] } },
      }),
    );
    expect(await runPolicyReviewReminders(deps, new Date('2027-05-01T06:00:00Z'))).toEqual({ schools: 1, sent: 0, failed: 0 });
    expect(await runPolicyReviewReminders(deps, new Date('2027-06-05T06:00:00Z'))).toEqual({ schools: 1, sent: 1, failed: 0 });
    expect(await runPolicyReviewReminders(deps, new Date('2027-06-06T06:00:00Z'))).toEqual({ schools: 1, sent: 0, failed: 0 });
  });
});
