import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { freePort } from '@schoolgate/local';
import { keys, putSafetyPack, type Db } from '@schoolgate/store';
import { freshTable } from '../../../test/support/db.js';
import { createSes, type NotifyDeps } from './deps.js';
import { runInsuranceReminders } from './insurance.js';
import { readLocalMail, startLocalSes } from './local-ses.js';

let db: Db;
let ses: Awaited<ReturnType<typeof startLocalSes>>;
let deps: NotifyDeps;

// 07:00 UK time on Thursday 3 December 2026, when the daily schedule runs.
const now = new Date('2026-12-03T07:00:00Z');

beforeAll(async () => {
  db = await freshTable();
  ses = await startLocalSes({ port: await freePort() });
  deps = { db, ses: createSes({ endpoint: ses.endpoint }), fromAddress: 'notifications@schoolgate.example', webBaseUrl: 'https://app.schoolgate.example' };
});
afterAll(async () => {
  await ses?.stop();
});

async function host(id: string, name: string, expiresOn: string) {
  const contactEmail = `${id}@host.example`;
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...keys.organisation(id), type: 'organisation', id, kind: 'employer', name, verified: true, postcode: 'LS1 1AA', notifications: { contactEmail, reminderDaysBefore: [] }, createdAt: now.toISOString() },
    }),
  );
  await putSafetyPack(db, id, { insurance: { insurer: 'Aire Valley Mutual', policyNumber: 'EL-1', expiresOn } }, 0, now.toISOString(), 'test');
  return contactEmail;
}

const mailTo = async (address: string) => (await readLocalMail(ses.endpoint)).filter((email) => email.destination.to.some((to) => to.includes(address)));

describe('insurance expiry reminders', () => {
  it('reminds a host once, 30 days before its insurance expires, and never twice on a re-run', async () => {
    const due = await host('emp_due', 'Meridian Engineering', '2027-01-02');
    const later = await host('emp_later', 'Later Ltd', '2027-01-03');
    const entered = await host('emp_late', 'Late Ltd', '2026-12-20');

    const first = await runInsuranceReminders(deps, now);
    const mail = await mailTo(due);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe('Your employers’ liability insurance expires on 2 January 2027');
    expect(mail[0]?.body.text).toContain('https://app.schoolgate.example/organisations/emp_due/safety-pack');
    expect(mail[0]?.body.text).toContain('cannot confirm work experience days after the expiry date');
    // 31 days away: not yet.
    expect(await mailTo(later)).toHaveLength(0);
    // A pack entered with less than 30 days left is reminded straight away.
    expect(await mailTo(entered)).toHaveLength(1);
    expect(first).toEqual({ sent: 2, failed: 0 });

    expect(await runInsuranceReminders(deps, now)).toEqual({ sent: 0, failed: 0 });
    expect(await mailTo(due)).toHaveLength(1);

    // The next day the later one is due.
    await runInsuranceReminders(deps, new Date('2026-12-04T07:00:00Z'));
    expect(await mailTo(later)).toHaveLength(1);
    expect(await mailTo(due)).toHaveLength(1);
  });
});
