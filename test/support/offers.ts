import { expect } from 'vitest';
import type { World } from './world.js';

/** Offers (issue 13): a college's campus taster day and an employer's workplace tour, as the API takes them. */
export const tasterDay = (overrides: Record<string, unknown> = {}) => ({
  title: 'T Level taster day: engineering and construction',
  format: 'campus_taster',
  dates: ['2026-11-10', '2026-11-11'],
  start: '09:30',
  end: '14:30',
  capacity: 200,
  yearGroups: [9, 10],
  sector: 'advanced_manufacturing',
  mode: 'in_person',
  description: 'Pupils try the workshops, meet T Level students and tour the campus.',
  ...overrides,
});

export const workplaceTour = (overrides: Record<string, unknown> = {}) => ({
  title: 'Workplace tour: how a jet engine part is made',
  format: 'workplace_tour',
  dates: ['2026-10-06'],
  start: '10:00',
  end: '12:00',
  capacity: 160,
  yearGroups: [7, 8, 9],
  sector: 'advanced_manufacturing',
  mode: 'in_person',
  description: 'Pupils follow a part from design to inspection and talk to apprentices.',
  instantConfirmation: true,
  ...overrides,
});

export async function setUpEmployer(world: World, admin: { token: string }, name = 'Meridian Engineering') {
  const user = await world.user('employer');
  const created = await world.call(user.token, 'POST', '/v1/employers', { name, sector: 'Engineering', postcode: 'LS11 5DR', location: { latitude: 53.78, longitude: -1.56 } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await world.call(admin.token, 'POST', `/v1/admin/organisations/${created.body.id}/verify`)).status).toBe(200);
  return { user, orgId: created.body.id as string };
}

