import {
  getBooking,
  getMembership,
  getOrganisation,
  getOrganisations,
  getProposal,
  getSlot,
  listAudit,
  listDeliveryFailures,
  listMembershipsOfUser,
  pageBookingsOfRequester,
  pageBookingsOfSchool,
  pageProposalsOfRequester,
  pageProposalsOfSchool,
  pageSlotsOfSchool,
  type BookingRecord,
  type Page,
  type PageRequest,
  type Db,
  type MembershipRecord,
  type OrganisationRecord,
  type ProposalRecord,
  type SlotRecord,
} from '@schoolgate/store';

/*
 * Plain reads the API answers with: nothing here judges a rule or writes. Handlers call these
 * rather than the store, so every path from a route to DynamoDB goes through this package.
 */

const byDateAndStart = (a: { date: string; start: string }, b: { date: string; start: string }) => `${a.date}${a.start}`.localeCompare(`${b.date}${b.start}`);

/** One booking, or undefined. */
export const readBooking = (db: Db, schoolId: string, bookingId: string): Promise<BookingRecord | undefined> => getBooking(db, schoolId, bookingId);

/** A booking's audit log, oldest first. */
export const readAudit = (db: Db, schoolId: string, bookingId: string) => listAudit(db, schoolId, bookingId);

/** Sorts the items of one page, keeping where the next page starts. */
const sortedPage = <T>(page: Page<T>, order: (a: T, b: T) => number): Page<T> => ({ ...page, items: [...page.items].sort(order) });

/** A provider's or employer's bookings a page at a time, latest event date first. */
export const listRequesterBookings = (db: Db, requesterOrgId: string, page: PageRequest): Promise<Page<BookingRecord>> =>
  pageBookingsOfRequester(db, requesterOrgId, page);

/**
 * The school's requests and bookings a page at a time (newest request first across pages), each
 * page by date and start, of one status when given.
 */
export async function listSchoolBookings(db: Db, schoolId: string, page: PageRequest, status?: BookingRecord['status']): Promise<Page<BookingRecord>> {
  return sortedPage(await pageBookingsOfSchool(db, schoolId, page, status), byDateAndStart);
}

/** One slot, or undefined. */
export const readSlot = (db: Db, schoolId: string, slotId: string): Promise<SlotRecord | undefined> => getSlot(db, schoolId, slotId);

/** The school's slots a page at a time (newest published first across pages), each page by date and start. */
export const listSchoolSlots = async (db: Db, schoolId: string, page: PageRequest): Promise<Page<SlotRecord>> =>
  sortedPage(await pageSlotsOfSchool(db, schoolId, page), byDateAndStart);

/** One proposal, or undefined. */
export const readProposal = (db: Db, schoolId: string, proposalId: string): Promise<ProposalRecord | undefined> => getProposal(db, schoolId, proposalId);

/** Proposals made to the school a page at a time (newest first across pages), each page oldest first. */
export const listSchoolProposals = async (db: Db, schoolId: string, page: PageRequest): Promise<Page<ProposalRecord>> =>
  sortedPage(await pageProposalsOfSchool(db, schoolId, page), (a, b) => a.createdAt.localeCompare(b.createdAt));

/** A provider's own proposals, newest first, a page at a time. */
export const listRequesterProposals = async (db: Db, requesterOrgId: string, page: PageRequest): Promise<Page<ProposalRecord>> =>
  sortedPage(await pageProposalsOfRequester(db, requesterOrgId, page), (a, b) => b.createdAt.localeCompare(a.createdAt));

/** Emails caused by the organisation that could not be delivered. */
export const listDeliveryFailuresOf = (db: Db, orgId: string) => listDeliveryFailures(db, orgId);

/** One organisation, or undefined. */
export const readOrganisation = (db: Db, orgId: string): Promise<OrganisationRecord | undefined> => getOrganisation(db, orgId);

/** Several organisations by id. */
export const readOrganisations = (db: Db, orgIds: string[]): Promise<Map<string, OrganisationRecord>> => getOrganisations(db, orgIds);

/** The user's membership of one organisation, or undefined: what every authorisation starts from. */
export const membershipOf = (db: Db, userId: string, orgId: string): Promise<MembershipRecord | undefined> => getMembership(db, userId, orgId);

/** Every organisation the user belongs to. */
export const membershipsOf = (db: Db, userId: string): Promise<MembershipRecord[]> => listMembershipsOfUser(db, userId);

/** Whether the user belongs to any provider or employer (who may see open slots as search shows them). */
export const isPartnerUser = async (db: Db, userId: string): Promise<boolean> =>
  (await listMembershipsOfUser(db, userId)).some((m) => m.kind === 'provider' || m.kind === 'employer');

export { tableStatus } from '@schoolgate/store';
