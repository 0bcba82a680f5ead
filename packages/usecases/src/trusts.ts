import type { PolicyInput } from '@schoolgate/contracts';
import pMap from 'p-map';
import { academicYearBounds, academicYearLabel, academicYearOf, complianceGrid, computeCompliance, describeMissing, todayInLondon } from '@schoolgate/domain';
import {
  consentToGroup,
  createGroup,
  getGroup,
  getGroupMembership,
  getOrganisation,
  getSchoolBookingsAndRecords,
  inviteSchoolToGroup,
  listBookingIdsOfSchoolBetween,
  listGroupMemberships,
  listGroupSchools,
  listGroupsOfSchool,
  NotFoundError,
  saveDraftPolicy,
  type BookingRecord,
  type Db,
  type GroupKind,
  type GroupRecord,
} from '@schoolgate/store';
import type { UseCaseContext } from './context.js';
import { Refused } from './errors.js';
import { readSchoolStanding } from './school-standing.js';

/*
 * Trusts and careers hubs (issue 14). A school joins a group only by its careers leader's consent;
 * a group sees nothing of a school that has not consented, and a hub sees only status per phase,
 * refusals and concerns.
 */

export async function startGroup(ctx: UseCaseContext, kind: GroupKind, name: string, lead: { userId: string; email: string }): Promise<GroupRecord> {
  const group: GroupRecord = { id: ctx.newId(), kind, name, createdAt: ctx.now().toISOString() };
  await createGroup(ctx.db, group, lead);
  return group;
}

/** The caller's lead membership of a group; anyone else learns nothing (undefined → 404). */
export const groupMembershipOf = (db: Db, userId: string, groupId: string) => getGroupMembership(db, userId, groupId);

export async function inviteSchool(ctx: UseCaseContext, groupId: string, schoolId: string, by: string) {
  const [group, school] = await Promise.all([getGroup(ctx.db, groupId), getOrganisation(ctx.db, schoolId)]);
  if (!group) throw new NotFoundError();
  if (!school || school.kind !== 'school') throw new Refused(422, [{ code: 'NOT_A_SCHOOL', message: 'Only schools can be invited into a trust or hub.' }]);
  const link = { groupId, groupName: group.name, kind: group.kind, schoolId, schoolName: school.name, status: 'invited' as const, invitedAt: ctx.now().toISOString(), invitedBy: by };
  await inviteSchoolToGroup(ctx.db, link);
  return link;
}

export const schoolGroups = (db: Db, schoolId: string) => listGroupsOfSchool(db, schoolId);
export const consentToJoin = (ctx: UseCaseContext, groupId: string, schoolId: string, by: string) => consentToGroup(ctx.db, groupId, schoolId, ctx.now().toISOString(), by);

const consentedSchools = async (db: Db, groupId: string) => (await listGroupSchools(db, groupId)).filter((link) => link.status === 'consented');

/** How many schools of a group are read at once (each is a handful of requests). */
const SCHOOLS_AT_ONCE = 8;

/**
 * One page for a group: each consenting school's status per key phase (the grid, most urgent
 * first), from the same `readSchoolStanding` and `computeCompliance` as the school's own
 * compliance. A hub also sees each school's refusals of the current academic year (requests for
 * events dated in it, named in `refusalsPeriod`; date, provider, published ground) and concerns
 * (what is missed or at risk); nothing else of the school.
 *
 * Its reads do not grow with history: per school, the standing (flat with history) and, for a
 * hub, the ids of the year's bookings from the school's date index (gsi3, a range bounded by the
 * year) then one strongly consistent BatchGet of them; schools read `SCHOOLS_AT_ONCE` at a time.
 */
export async function groupOverview(ctx: UseCaseContext, group: GroupRecord) {
  const asOf = todayInLondon(ctx.now());
  const academicYear = academicYearOf(asOf);
  const year = academicYearBounds(academicYear);
  const hub = group.kind === 'hub';
  const links = await consentedSchools(ctx.db, group.id);
  const schools = await pMap(links, async (link) => {
    const [standing, yearBookingIds] = await Promise.all([
      readSchoolStanding(ctx.db, link.schoolId, asOf),
      hub ? listBookingIdsOfSchoolBetween(ctx.db, link.schoolId, year.start, year.end) : Promise.resolve([]),
    ]);
    const cohorts = standing ? computeCompliance(standing.facts, standing.encounters, asOf) : [];
    const status = complianceGrid(cohorts)
      .filter((cell) => cell.status !== 'NOT_APPLICABLE')
      .map((cell) => ({ yearGroup: cell.yearGroup, phase: cell.phase, status: cell.status, deadline: cell.deadline, windowState: cell.windowState }));
    const base = { schoolId: link.schoolId, schoolName: standing?.school.name ?? link.schoolName, status };
    if (!hub) return base;
    const { bookings } = standing && yearBookingIds.length ? await getSchoolBookingsAndRecords(ctx.db, link.schoolId, yearBookingIds, []) : { bookings: new Map<string, BookingRecord>() };
    const refusals = [...bookings.values()]
      .filter((b) => b.status === 'declined' && b.declineGround)
      // The date index is read eventually consistently: a booking rescheduled out of the year since
      // then is dropped on its consistent date.
      .filter((b) => b.date >= year.start && b.date <= year.end)
      .map((b) => ({ date: b.date, providerName: b.requesterName, ground: b.declineGround!.label }))
      .sort((a, b) => a.date.localeCompare(b.date));
    return { ...base, refusals, concerns: describeMissing(cohorts).map((m) => m.message) };
  }, { concurrency: SCHOOLS_AT_ONCE });
  return {
    group: { id: group.id, kind: group.kind, name: group.name },
    asOf,
    ...(hub ? { refusalsPeriod: { academicYear, label: academicYearLabel(academicYear), from: year.start, to: year.end } } : {}),
    schools,
  };
}

/**
 * A trust's careers lead pushes a policy template into each consenting academy's draft (a new
 * draft version each); each academy still reviews and publishes its own statement.
 */
export async function pushPolicyTemplate(ctx: UseCaseContext, group: GroupRecord, template: PolicyInput, by: string) {
  if (group.kind !== 'trust') throw new Refused(403, [{ code: 'NOT_A_TRUST', message: 'Only a trust can push a policy template to its academies.' }]);
  const links = await consentedSchools(ctx.db, group.id);
  const items = [];
  for (const link of links) {
    const draft = await saveDraftPolicy(ctx.db, link.schoolId, { ...template, createdAt: ctx.now().toISOString(), createdBy: by });
    items.push({ schoolId: link.schoolId, schoolName: link.schoolName, draftVersion: draft.version });
  }
  return { items };
}

export const readGroup = (db: Db, groupId: string) => getGroup(db, groupId);

export const myGroups = (db: Db, userId: string) => listGroupMemberships(db, userId);
