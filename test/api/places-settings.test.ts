import { beforeAll, describe, expect, it } from 'vitest';
import { setUpProvider, setUpSchool } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/**
 * A change of postcode moves the organisation (packages/usecases/src/organisations.ts
 * `withMovedPlace`): to a district we know, the location follows; to one we do not, the API asks
 * for the location (400 naming `location`) rather than keep the old place's.
 */
describe('places on a change of postcode', () => {
  let world: World;
  let admin: { token: string };
  beforeAll(async () => {
    world = await createWorld();
    admin = await world.user('admin', { platformAdmin: true });
  });

  it('moves a provider with its postcode, and asks for the location when the new district is unknown', async () => {
    const provider = await setUpProvider(world, admin);
    const path = `/v1/organisations/${provider.orgId}`;
    const moved = await world.call(provider.user.token, 'PATCH', path, { postcode: 'NE1 4ST' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.location.latitude).toBeCloseTo(54.97, 1);

    const lost = await world.call(provider.user.token, 'PATCH', path, { postcode: 'ZZ9 9ZZ', name: 'Renamed' });
    expect(lost.status).toBe(400);
    expect(lost.body.errors).toEqual([expect.objectContaining({ field: 'location', message: 'We could not place ZZ9: choose a nearby postcode district or enter the location' })]);
    // Nothing of the refused change was written.
    const unchanged = await world.call(provider.user.token, 'GET', path);
    expect(unchanged.body).toMatchObject({ postcode: 'NE1 4ST', name: expect.not.stringMatching('Renamed') });

    const placed = await world.call(provider.user.token, 'PATCH', path, { postcode: 'ZZ9 9ZZ', location: { latitude: 54.9, longitude: -1.6 } });
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    expect(placed.body).toMatchObject({ postcode: 'ZZ9 9ZZ', location: { latitude: 54.9, longitude: -1.6 } });
    // Saving other settings with the same unknown postcode is never blocked.
    const again = await world.call(provider.user.token, 'PATCH', path, { postcode: 'ZZ9 9ZZ', name: 'Renamed' });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
  });

  it('asks a school the same', async () => {
    const school = await setUpSchool(world, admin);
    const lost = await world.call(school.leader.token, 'PATCH', `/v1/schools/${school.schoolId}`, { postcode: 'ZZ9 9ZZ' });
    expect(lost.status).toBe(400);
    expect(lost.body.errors[0].field).toBe('location');
    const moved = await world.call(school.leader.token, 'PATCH', `/v1/schools/${school.schoolId}`, { postcode: 'NE1 4ST' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.location.latitude).toBeCloseTo(54.97, 1);
  });
});
