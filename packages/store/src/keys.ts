/**
 * Every key of the single table, built in one place so docs/data-model.md and the code cannot
 * drift. An item's partition says who owns it: everything a school's compliance needs lives under
 * `ORG#<schoolId>`, so it is one strongly consistent Query.
 *
 * Index use:
 * - gsi1: "owned by another party" (a provider's bookings, a user's organisations, a URN lookup).
 * - gsi2: "by date" (confirmed bookings per day for reminders).
 * - gsi3: "by area" (the search index: what is findable, by kind, area cell and month; area-index.ts).
 * GSIs are eventually consistent: they serve lists and search, never a booking rule.
 */

export const ORG = (orgId: string) => `ORG#${orgId}`;

export const keys = {
  organisation: (orgId: string) => ({ pk: ORG(orgId), sk: 'PROFILE' }),
  /** Kind-wide listing for the platform admin's verification queue and school discovery. */
  organisationIndex: (kind: string, orgId: string) => ({ gsi1pk: `ORGS#${kind}`, gsi1sk: orgId }),

  /** Uniqueness guards: one school per URN, one provider per UKPRN. */
  urnGuard: (urn: string) => ({ pk: `URN#${urn}`, sk: 'SCHOOL' }),
  ukprnGuard: (ukprn: string) => ({ pk: `UKPRN#${ukprn}`, sk: 'PROVIDER' }),

  /** Read with a consistent GetItem on every authorised request. */
  membership: (userId: string, orgId: string) => ({ pk: `USER#${userId}`, sk: ORG(orgId) }),
  membershipsOfUser: (userId: string) => ({ pk: `USER#${userId}`, skPrefix: 'ORG#' }),
  membershipIndex: (orgId: string, userId: string) => ({ gsi1pk: `MEMBERS#${orgId}`, gsi1sk: userId }),

  invitation: (orgId: string, email: string) => ({ pk: ORG(orgId), sk: `INVITE#${email.toLowerCase()}` }),
  invitationIndex: (email: string, orgId: string) => ({ gsi1pk: `INVITEE#${email.toLowerCase()}`, gsi1sk: orgId }),

  calendar: (schoolId: string) => ({ pk: ORG(schoolId), sk: 'CALENDAR' }),

  policyVersion: (schoolId: string, version: number) => ({
    pk: ORG(schoolId),
    sk: `POLICY#V#${String(version).padStart(6, '0')}`,
  }),
  policyVersionsPrefix: 'POLICY#V#',
  /** Points at the published version; written in the same transaction as the publish. */
  publishedPolicy: (schoolId: string) => ({ pk: ORG(schoolId), sk: 'POLICY#PUBLISHED' }),

  slot: (schoolId: string, slotId: string) => ({ pk: ORG(schoolId), sk: `SLOT#${slotId}` }),
  slotsPrefix: 'SLOT#',

  /** A search entry (area-index.ts), in its owner's partition. */
  areaEntry: (ownerOrgId: string, kind: string, id: string, date: string) => ({ pk: ORG(ownerOrgId), sk: `AREA#${kind}#${id}#${date}` }),
  /** Entries by kind, area cell and month (`ALL` when undated), ordered by date (or name) then id. */
  areaSearchIndex: (kind: string, cell: string, period: string, order: string) => ({ gsi3pk: `AREA#${kind}#${cell}#${period}`, gsi3sk: order }),
  areaSearchPartition: (kind: string, cell: string, period: string) => `AREA#${kind}#${cell}#${period}`,

  booking: (schoolId: string, bookingId: string) => ({ pk: ORG(schoolId), sk: `BOOKING#${bookingId}` }),
  bookingsPrefix: 'BOOKING#',
  /** A provider's "my bookings", newest event date last. */
  bookingByRequester: (requesterOrgId: string, date: string, bookingId: string) => ({
    gsi1pk: `REQUESTER#${requesterOrgId}`,
    gsi1sk: `${date}#${bookingId}`,
  }),
  bookingsOfRequester: (requesterOrgId: string) => `REQUESTER#${requesterOrgId}`,
  /** Reminders and attendance prompts find bookings by event date. */
  bookingByDate: (date: string, bookingId: string) => ({ gsi2pk: `BOOKINGDATE#${date}`, gsi2sk: bookingId }),
  bookingsOnDate: (date: string) => `BOOKINGDATE#${date}`,

  /**
   * ALREADY_BOOKED: exists while the requester has a live request or booking on the slot.
   * Created with attribute_not_exists when requesting; deleted on decline, withdrawal, cancellation.
   */
  slotHold: (schoolId: string, slotId: string, requesterOrgId: string) => ({
    pk: ORG(schoolId),
    sk: `HOLD#${slotId}#${requesterOrgId}`,
  }),

  /**
   * DISTINCT_PROVIDERS: one statutory encounter per provider per cohort phase. Created with
   * attribute_not_exists in the confirmation transaction; deleted when the booking is cancelled.
   */
  phaseGuard: (schoolId: string, cohort: number, phase: number, providerOrgId: string) => ({
    pk: ORG(schoolId),
    sk: `GUARD#${cohort}#${phase}#${providerOrgId}`,
  }),

  audit: (schoolId: string, bookingId: string, at: string, seq: string) => ({
    pk: ORG(schoolId),
    sk: `AUDIT#${bookingId}#${at}#${seq}`,
  }),
  auditPrefix: (bookingId: string) => `AUDIT#${bookingId}#`,

  proposal: (schoolId: string, proposalId: string) => ({ pk: ORG(schoolId), sk: `PROPOSAL#${proposalId}` }),
  proposalsPrefix: 'PROPOSAL#',
  proposalByRequester: (requesterOrgId: string, proposalId: string) => ({
    gsi1pk: `PROPOSER#${requesterOrgId}`,
    gsi1sk: proposalId,
  }),

  /**
   * Live-ask counters (LIVE_LIMITS): an organisation's live requests or proposals, at one school
   * and in all. Incremented with `live < limit` in the creating transaction, decremented in the
   * transaction that answers or withdraws the ask.
   */
  liveCounter: (orgId: string, kind: 'request' | 'proposal', schoolId?: string) => ({
    pk: ORG(orgId),
    sk: schoolId ? `LIVE#${kind}#SCHOOL#${schoolId}` : `LIVE#${kind}#ALL`,
  }),

  /** Writes one user made in one clock minute (`yyyy-mm-ddThh:mm`, UTC); TTL ends it. */
  writeRate: (userId: string, minute: string) => ({ pk: `RATE#${userId}`, sk: minute }),

  idempotency: (userId: string, key: string) => ({ pk: `IDEMPOTENCY#${userId}#${key}`, sk: 'IDEMPOTENCY' }),

  /** Written in the same transaction as the change it announces; the stream consumer sends it. */
  outbox: (eventId: string) => ({ pk: `OUTBOX#${eventId}`, sk: 'EVENT' }),

  /** A message that could not be delivered, shown to the organisation that caused it. */
  deliveryFailure: (orgId: string, eventId: string, recipient: string) => ({
    pk: ORG(orgId),
    sk: `DELIVERY#${eventId}#${recipient.toLowerCase()}`,
  }),
  deliveryFailuresPrefix: 'DELIVERY#',

  /** Marks a reminder as sent so a re-run of the daily schedule never sends it twice. */
  reminderSent: (bookingId: string, kind: string) => ({ pk: `REMINDER#${bookingId}`, sk: kind }),

  /**
   * Private calendar feeds (calendar-feeds.ts): the organisation's one live feed points at the
   * SHA-256 of its token; the token item, keyed by that hash, is what the public feed URL reads.
   */
  calendarFeedOf: (orgId: string) => ({ pk: ORG(orgId), sk: 'CALFEED' }),
  calendarFeed: (tokenHash: string) => ({ pk: `CALFEED#${tokenHash}`, sk: 'FEED' }),

  /** Marks an AT_RISK alert as sent for one cohort phase. */
  riskAlertSent: (schoolId: string, cohort: number, phase: number) => ({
    pk: ORG(schoolId),
    sk: `RISKALERT#${cohort}#${phase}`,
  }),
} as const;

/** The `type` attribute of every item, so stream consumers and queries can tell items apart. */
export type ItemType =
  | 'organisation'
  | 'urn-guard'
  | 'ukprn-guard'
  | 'membership'
  | 'invitation'
  | 'calendar'
  | 'policy'
  | 'published-policy'
  | 'slot'
  | 'area-entry'
  | 'booking'
  | 'slot-hold'
  | 'phase-guard'
  | 'audit'
  | 'proposal'
  | 'idempotency'
  | 'live-counter'
  | 'write-rate'
  | 'outbox'
  | 'delivery-failure'
  | 'reminder-sent'
  | 'risk-alert-sent'
  | 'calendar-feed';
