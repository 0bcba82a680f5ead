import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { setUpSchool } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

describe('daily AT_RISK sweep loader', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
    vi.stubEnv('TABLE_NAME', world.db.tableName);
    vi.stubEnv('DYNAMODB_ENDPOINT', inject('dynamoEndpoint'));
    vi.stubEnv('SES_FROM_ADDRESS', 'no-reply@schoolgate.test');
    vi.stubEnv('WEB_BASE_URL', 'http://127.0.0.1:3000');
  });
  afterAll(() => vi.unstubAllEnvs());

  it("reads a school's compliance from its partition, and skips a school with no calendar", async () => {
    const admin = await world.user('admin', { platformAdmin: true });
    const school = await setUpSchool(world, admin);
    const { loadSchoolCompliance } = await import('@schoolgate/notify/reminders-lambda');
    const loaded = await loadSchoolCompliance(school.schoolId, '2027-01-20');
    expect(loaded).toMatchObject({ schoolId: school.schoolId, contactEmail: school.leader.email });
    const year9 = loaded!.compliance.find((c) => c.yearGroup === 9)!;
    expect(year9.phases.find((p) => p.phase === 1)).toMatchObject({ status: 'AT_RISK', deadline: '2027-02-28' });

    const bare = await world.call(school.leader.token, 'POST', '/v1/schools', { urn: '399999', name: 'No calendar', postcode: 'LS1 1AA', yearGroups: { from: 7, to: 11 } });
    expect(await loadSchoolCompliance(bare.body.id, '2027-01-20')).toBeUndefined();
  });
});
