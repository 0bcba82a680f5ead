/**
 * Every key of the single table, built in one place so docs/data-model.md and the code cannot
 * drift. An item's partition says who owns it: everything a school's compliance needs lives under
 * `ORG#<schoolId>`, so it is one strongly consistent Query.
 *
 * Index use:
 * - gsi1: "owned by another party" (a provider's bookings, a user's organisations, a URN lookup).
 * - gsi2: "by date" (confirmed bookings per day for reminders).
 * - gsi3: "by area" (the search index: what is findable, by kind, area cell and month; area-index.ts),
 *   and a school's bookings by date (its calendar feed).
 * GSIs are eventually consistent: they serve lists and search, never a booking rule.
 */

export const ORG = (orgId: string) => `ORG#${orgId}`;

/** How many `BOOKINGDATE#<date>#<shard>` keys a day's bookings are spread over (see docs/data-model.md). */
export const BOOKING_DATE_SHARDS = 8;

/**
 * The shard of a booking's day: FNV-1a of its id, so the same booking always lands on the same key.
 *
 * @example
 * bookingDateShard('01JBOOKING') // a number from 0 to BOOKING_DATE_SHARDS - 1
 */
export function bookingDateShard(bookingId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bookingId.length; i++) {
    hash ^= bookingId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % BOOKING_DATE_SHARDS;
}

export const keys = {
  organisation: (orgId: string) => ({ pk: ORG(orgId), sk: 'PROFILE' }),
  /** Kind-wide listing for the platform admin's verification queue and school discovery. */
  organisationIndex: (kind: string, orgId: string) => ({ gsi1pk: `ORGS#${kind}`, gsi1sk: orgId }),

  /**
   * The platform admin's verification queue (gsi2, sparse): an organisation carries these while it
   * waits to be verified, ordered by when it started waiting; verification removes them.
   */
  verificationQueue: (waitingSince: string, orgId: string) => ({ gsi2pk: 'VERIFYQUEUE', gsi2sk: `${waitingSince}#${orgId}` }),
  verificationQueuePartition: 'VERIFYQUEUE',

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
  /** An owner's entries of one kind (e.g. a school's open slots, which the directory probes). */
  areaEntriesPrefix: (kind: string) => `AREA#${kind}#`,

  /** An offer a provider or employer publishes (offers.ts), in the host's partition. */
  offer: (hostOrgId: string, offerId: string) => ({ pk: ORG(hostOrgId), sk: `OFFER#${offerId}` }),
  offersPrefix: 'OFFER#',
  /** One offered date of an offer: its pupil places left and counts, moved by the bookings' transactions. */
  offerDate: (hostOrgId: string, offerId: string, date: string) => ({ pk: ORG(hostOrgId), sk: `OFFERDATE#${offerId}#${date}` }),
  offerDatesPrefix: (offerId: string) => `OFFERDATE#${offerId}#`,

  booking: (schoolId: string, bookingId: string) => ({ pk: ORG(schoolId), sk: `BOOKING#${bookingId}` }),
  bookingsPrefix: 'BOOKING#',
  /** A provider's "my bookings", newest event date last. */
  bookingByRequester: (requesterOrgId: string, date: string, bookingId: string) => ({
    gsi1pk: `REQUESTER#${requesterOrgId}`,
    gsi1sk: `${date}#${bookingId}`,
  }),
  bookingsOfRequester: (requesterOrgId: string) => `REQUESTER#${requesterOrgId}`,
  /**
   * A school's bookings by event date (gsi3 `SCHOOLBOOKINGS#<school>`): the school's calendar feed
   * reads the bookings from a past window onward, not the school's whole booking history. A
   * booking's date never changes (a move is a new booking), so the key is written once, with it.
   */
  bookingBySchoolDate: (schoolId: string, date: string, bookingId: string) => ({ gsi3pk: `SCHOOLBOOKINGS#${schoolId}`, gsi3sk: `${date}#${bookingId}` }),
  bookingsOfSchoolByDate: (schoolId: string) => `SCHOOLBOOKINGS#${schoolId}`,
  /**
   * Reminders and attendance prompts find bookings by event date, spread over
   * {@link BOOKING_DATE_SHARDS} keys per day by a hash of the booking id, so no key holds a
   * nation's day and the daily job reads (and fans out) one shard at a time.
   */
  bookingByDate: (date: string, bookingId: string) => ({ gsi2pk: `BOOKINGDATE#${date}#${bookingDateShard(bookingId)}`, gsi2sk: bookingId }),
  bookingsOnDate: (date: string, shard: number) => `BOOKINGDATE#${date}#${shard}`,

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

  /**
   * A booking's audit trail, in a partition of its own: only the booking's history page reads it,
   * so a school's partition (and every read of it) does not grow with each transition.
   */
  audit: (schoolId: string, bookingId: string, at: string, seq: string) => ({
    pk: `AUDIT#${schoolId}#${bookingId}`,
    sk: `${at}#${seq}`,
  }),
  auditOf: (schoolId: string, bookingId: string) => `AUDIT#${schoolId}#${bookingId}`,

  /**
   * A counted encounter (a statutory booking while confirmed or delivered), once per cohort it
   * reaches, written in the transaction that moves the booking. Filed under the day it settles
   * for that cohort (the end of the key-phase window its date falls in, `encounterSettlesOn`), so
   * compliance reads only the encounters of phases still open with one range Query: its cost does
   * not grow with the school's history. Dates order as strings.
   */
  countedEncounter: (schoolId: string, settlesOn: string, cohort: number, bookingId: string) => ({
    pk: ORG(schoolId),
    sk: `ENCOUNTER#${settlesOn}#${cohort}#${bookingId}`,
  }),
  /** The encounters not settled before `asOf`: from that day to the end of all encounter keys ('~' sorts after digits). */
  countedEncountersFrom: (asOf: string) => ({ from: `ENCOUNTER#${asOf}`, to: 'ENCOUNTER#~' }),
  /**
   * What compliance needs of a cohort's key phase once it has closed: one entry per counted
   * encounter (attribute `E#<bookingId>`), kept by the same transactions as the counted-encounter
   * items. Filed under the day the phase closes, so the closed phases of the cohorts in school are
   * one range Query.
   */
  encounterSummary: (schoolId: string, closesOn: string, cohort: number, phase: number) => ({
    pk: ORG(schoolId),
    sk: `ENCSUM#${closesOn}#${cohort}#${phase}`,
  }),
  /**
   * Summaries of phases closing from the first phase of `cohort` (on `closesOn`) up to the day before
   * `asOf` (`ENCSUM#<asOf>#…` sorts after `ENCSUM#<asOf>`); older cohorts' summaries closing the same
   * day sort before the lower bound.
   */
  encounterSummariesBetween: (closesOn: string, cohort: number, asOf: string) => ({ from: `ENCSUM#${closesOn}#${cohort}`, to: `ENCSUM#${asOf}` }),
  /** The attribute of a summary holding one booking's entry. */
  encounterSummaryEntry: (bookingId: string) => `E#${bookingId}`,
  encounterSummaryEntryPrefix: 'E#',

  // ---- Benchmark 5 (issue 16): employer encounters per cohort and academic year ----
  /**
   * A cohort's employer encounters of one academic year (what Benchmark 5 reads): one attribute
   * `B#<bookingId>` per employer booking while confirmed or delivered, kept by the transaction that
   * moves the booking. Cohort first, so the cohorts a school teaches are one range Query whatever
   * its history; split by academic year so no item nears the 400 KB limit (docs/data-model.md).
   */
  employerSummary: (schoolId: string, cohort: number, academicYear: number) => ({ pk: ORG(schoolId), sk: `EMPSUM#${cohort}#${academicYear}` }),
  /** Every academic year's summary of the cohorts `oldest` … `youngest` (cohorts are four-digit years: they sort as strings). */
  employerSummariesOf: (oldestCohort: number, youngestCohort: number) => ({ from: `EMPSUM#${oldestCohort}#`, to: `EMPSUM#${youngestCohort}#~` }),
  /** The attribute of an employer summary holding one booking's entry. */
  employerSummaryEntry: (bookingId: string) => `B#${bookingId}`,
  employerSummaryEntryPrefix: 'B#',

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

  // --- Integrations: API keys and webhooks (issue 18). Kept out of the organisation's partition so
  // a school's compliance Query never reads them and a key's audit never touches the school.

  /** An API key: its hash, scope and owner; read consistently on every call it makes. */
  apiKey: (keyId: string) => ({ pk: `APIKEY#${keyId}`, sk: 'KEY' }),
  /** An organisation's API keys, for its settings page (a list: eventually consistent is fine). */
  apiKeyIndex: (orgId: string, keyId: string) => ({ gsi1pk: `APIKEYS#${orgId}`, gsi1sk: keyId }),
  apiKeysOfOrg: (orgId: string) => `APIKEYS#${orgId}`,
  /** One key's use in one clock minute (`yyyy-mm-ddThh:mm`, UTC): counters and the last call; TTL ends it. */
  apiKeyUse: (keyId: string, minute: string) => ({ pk: `APIKEY#${keyId}`, sk: `USE#${minute}` }),
  apiKeyUsesPrefix: 'USE#',
  /** An organisation's webhook endpoint, with its signing secrets. */
  webhookEndpoint: (orgId: string, endpointId: string) => ({ pk: `WEBHOOKS#${orgId}`, sk: `ENDPOINT#${endpointId}` }),
  webhookEndpointsOf: (orgId: string) => ({ pk: `WEBHOOKS#${orgId}`, skPrefix: 'ENDPOINT#' }),
  /**
   * Private calendar feeds (calendar-feeds.ts): the organisation's one live feed points at the
   * SHA-256 of its token; the token item, keyed by that hash, is what the public feed URL reads.
   */
  calendarFeedOf: (orgId: string) => ({ pk: ORG(orgId), sk: 'CALFEED' }),
  calendarFeed: (tokenHash: string) => ({ pk: `CALFEED#${tokenHash}`, sk: 'FEED' }),
  /**
   * Reschedule (issue 15): the one pending proposal to move a confirmed booking, beside it in the
   * school's partition. Put `attribute_not_exists` (RESCHEDULE_PENDING); deleted by the answer.
   */
  reschedule: (schoolId: string, bookingId: string) => ({ pk: ORG(schoolId), sk: `RESCHEDULE#${bookingId}` }),

  /** Marks an AT_RISK alert as sent for one cohort phase. */
  riskAlertSent: (schoolId: string, cohort: number, phase: number) => ({
    pk: ORG(schoolId),
    sk: `RISKALERT#${cohort}#${phase}`,
  }),

  // ── Work experience: the employer's safety pack (we-pack) ──
  /** A host's safety pack: one item, `packVersion` moves on with every change. */
  safetyPack: (hostOrgId: string) => ({ pk: ORG(hostOrgId), sk: 'SAFETYPACK' }),
  /** Schools find hosts with a pack (for display; one partition, read only by the review list). */
  safetyPackIndex: (hostOrgId: string) => ({ gsi1pk: 'SAFETYPACKS', gsi1sk: hostOrgId }),
  safetyPacksPartition: 'SAFETYPACKS',
  /** Daily insurance reminders find packs by the insurance's expiry day. */
  safetyPackByExpiry: (expiresOn: string, hostOrgId: string) => ({ gsi2pk: `INSURANCEEXPIRY#${expiresOn}`, gsi2sk: hostOrgId }),
  packsExpiringOn: (expiresOn: string) => `INSURANCEEXPIRY#${expiresOn}`,
  /**
   * SAFETY_CHECKS: a school's sign-off of a host's pack for one academic year (`2026-27`).
   * Confirmations of placement days ConditionCheck it (and the pack's `packVersion`).
   */
  safetyClearance: (schoolId: string, hostOrgId: string, academicYear: string) => ({
    pk: ORG(schoolId),
    sk: `SAFETY#${academicYear}#${hostOrgId}`,
  }),
  /** The host's view of which schools signed its pack off. */
  safetyClearanceByHost: (hostOrgId: string, academicYear: string, schoolId: string) => ({
    gsi1pk: `CLEARANCES#${hostOrgId}`,
    gsi1sk: `${academicYear}#${schoolId}`,
  }),
  clearancesOfHost: (hostOrgId: string) => `CLEARANCES#${hostOrgId}`,
  /** Marks the 30-day insurance reminder as sent for one expiry date of one host's pack. */
  insuranceReminderSent: (hostOrgId: string, expiresOn: string) => ({ pk: `REMINDER#SAFETYPACK#${hostOrgId}`, sk: `insurance#${expiresOn}` }),

  // ── Work experience: placements and pupils (we-place) ──
  /** A host's placement offer (what pupils do, where, which days, how many a day). */
  placement: (hostOrgId: string, placementId: string) => ({ pk: ORG(hostOrgId), sk: `PLACEMENT#${placementId}` }),
  placementsPrefix: 'PLACEMENT#',
  /** PLACEMENT_FULL: one capacity item per offered day, `confirmedCount <= places` in every confirmation. */
  placementDay: (hostOrgId: string, placementId: string, date: string) => ({ pk: ORG(hostOrgId), sk: `PLACEDAY#${placementId}#${date}` }),
  placementDaysPrefix: (placementId: string) => `PLACEDAY#${placementId}#`,
  /** A pupil the school places (minimal personal data; TTL `expiresAt`). */
  pupil: (schoolId: string, pupilId: string) => ({ pk: ORG(schoolId), sk: `PUPIL#${pupilId}` }),
  pupilsPrefix: 'PUPIL#',
  /** One pupil per school reference: created with the pupil, attribute_not_exists. */
  pupilReference: (schoolId: string, reference: string) => ({ pk: ORG(schoolId), sk: `PUPILREF#${reference.toLowerCase()}` }),
  /** PUPIL_DOUBLE_BOOKED: one per pupil per confirmed placement day, attribute_not_exists at confirmation. */
  pupilDay: (schoolId: string, pupilId: string, date: string) => ({ pk: ORG(schoolId), sk: `PUPILDAY#${pupilId}#${date}` }),
  pupilDaysPrefix: (pupilId: string) => `PUPILDAY#${pupilId}#`,
  /** A school's request for days on a placement for some pupils, and its life. */
  placementBooking: (schoolId: string, bookingId: string) => ({ pk: ORG(schoolId), sk: `PLBOOKING#${bookingId}` }),
  placementBookingsPrefix: 'PLBOOKING#',
  /** The host's requests and bookings, by first day (gsi1: a list, never a rule). */
  placementBookingByHost: (hostOrgId: string, firstDay: string, bookingId: string) => ({ gsi1pk: `PLHOST#${hostOrgId}`, gsi1sk: `${firstDay}#${bookingId}` }),
  placementBookingsOfHost: (hostOrgId: string) => `PLHOST#${hostOrgId}`,
  /**
   * A confirmed placement booking by its first day (gsi2, set by the confirmation and removed by a
   * cancellation): the daily reminders read it in the same (date, shard) task as bookings.
   */
  placementBookingByFirstDay: (firstDay: string, bookingId: string) => ({ gsi2pk: `PLACEMENTDATE#${firstDay}#${bookingDateShard(bookingId)}`, gsi2sk: bookingId }),
  placementBookingsOnFirstDay: (date: string, shard: number) => `PLACEMENTDATE#${date}#${shard}`,
  /** The school's work experience settings (consent before confirmation), versioned: a confirmation checks it. */
  workExperienceSettings: (schoolId: string) => ({ pk: ORG(schoolId), sk: 'WESETTINGS' }),
  // ---- Get Information about Schools (issue 14): the register's reference data, one item per URN ----
  /** A register entry as last imported; outside every organisation's partition. */
  giasEstablishment: (urn: string) => ({ pk: `GIAS#${urn}`, sk: 'ESTABLISHMENT' }),
  /** Every trust, to match a register entry's trust name (a list, never a rule). */
  groupsOfKind: (kind: string) => `GROUPS#${kind}`,

  // ---- Evidence (issue 14): recorded encounters, report snapshots, policy-review reminders ----
  /** An encounter the school recorded itself (before joining, or off the platform); counts in compliance. */
  recordedEncounter: (schoolId: string, recordId: string) => ({ pk: ORG(schoolId), sk: `RECORDED#${recordId}` }),
  recordedEncountersPrefix: 'RECORDED#',
  /**
   * What compliance needs of a recorded encounter while its key phase is open, once per cohort it
   * reaches, filed like a counted encounter under the day it settles for that cohort
   * (`encounterSettlesOn`), so the standing reads only open phases' records with one range Query;
   * once the phase has closed, its entry `R#<recordId>` in the phase's `ENCSUM` summary stands in.
   * Kept by the transactions that record, correct and delete the encounter.
   */
  recordedOpen: (schoolId: string, settlesOn: string, cohort: number, recordId: string) => ({ pk: ORG(schoolId), sk: `RECOPEN#${settlesOn}#${cohort}#${recordId}` }),
  /** The recorded encounters not settled before `asOf`. */
  recordedOpenFrom: (asOf: string) => ({ from: `RECOPEN#${asOf}`, to: 'RECOPEN#~' }),
  /** The attribute of a phase summary holding one recorded encounter's entry. */
  recordedSummaryEntry: (recordId: string) => `R#${recordId}`,
  recordedSummaryEntryPrefix: 'R#',
  /** A frozen report: written once with attribute_not_exists, never updated. */
  reportSnapshot: (schoolId: string, academicYear: number, snapshotId: string) => ({
    pk: ORG(schoolId),
    sk: `REPORTSNAP#${academicYear}#${snapshotId}`,
  }),
  reportSnapshotsPrefix: (academicYear?: number) => (academicYear === undefined ? 'REPORTSNAP#' : `REPORTSNAP#${academicYear}#`),
  /** Marks the policy-review reminder as sent for one published version and review date. */
  policyReviewReminderSent: (schoolId: string, nextReviewOn: string) => ({ pk: ORG(schoolId), sk: `POLICYREVIEW#${nextReviewOn}` }),
  /** A trust (multi-academy trust) or careers hub; its lead is a member through `groupMember`. */
  group: (groupId: string) => ({ pk: `GROUP#${groupId}`, sk: 'PROFILE' }),
  groupIndex: (kind: string, groupId: string) => ({ gsi1pk: `GROUPS#${kind}`, gsi1sk: groupId }),
  groupMember: (userId: string, groupId: string) => ({ pk: `USER#${userId}`, sk: `GROUP#${groupId}` }),
  groupMembershipsOfUser: (userId: string) => ({ pk: `USER#${userId}`, skPrefix: 'GROUP#' }),
  /** A school invited into a group; it joins only when its careers leader consents. */
  groupSchool: (groupId: string, schoolId: string) => ({ pk: `GROUP#${groupId}`, sk: `SCHOOL#${schoolId}` }),
  groupSchoolsPrefix: 'SCHOOL#',
  groupSchoolIndex: (schoolId: string, groupId: string) => ({ gsi1pk: `SCHOOLGROUPS#${schoolId}`, gsi1sk: groupId }),
  groupsOfSchool: (schoolId: string) => `SCHOOLGROUPS#${schoolId}`,
} as const;

/**
 * Keys of layouts the table no longer writes, kept only so the one-off backfill (backfill.ts) can
 * find and remove what a table written before the change still holds, and the prefixes it reads
 * whole (a school's every encounter item and summary). Nothing else reads them.
 */
export const legacyKeys = {
  /** A counted encounter before it was filed under the day it settles (`ENCOUNTER#<cohort>#<bookingId>`). */
  countedEncounter: (schoolId: string, cohort: number, bookingId: string) => ({ pk: ORG(schoolId), sk: `ENCOUNTER#${cohort}#${bookingId}` }),
  /** Every counted encounter, old layout and new, of a school (the backfill reads them together). */
  countedEncountersPrefix: 'ENCOUNTER#',
  /** Every phase summary of a school. */
  encounterSummariesPrefix: 'ENCSUM#',
  /** Every recorded encounter's open item of a school. */
  recordedOpenPrefix: 'RECOPEN#',
  /** Every employer summary of a school (Benchmark 5). */
  employerSummariesPrefix: 'EMPSUM#',
  /** Open slots' search index before the area index: gsi2 on the slot item itself (`OPENSLOTS#<yyyy-mm>` / `<date>#<slotId>`). */
  openSlotsIndexPrefix: 'OPENSLOTS#',
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
  | 'offer'
  | 'offer-date'
  | 'area-entry'
  | 'booking'
  | 'slot-hold'
  | 'phase-guard'
  | 'audit'
  | 'counted-encounter'
  | 'encounter-summary'
  | 'employer-summary'
  | 'proposal'
  | 'idempotency'
  | 'live-counter'
  | 'write-rate'
  | 'outbox'
  | 'delivery-failure'
  | 'reminder-sent'
  | 'risk-alert-sent'
  | 'safety-pack'
  | 'safety-clearance'
  // work experience placements (we-place)
  | 'placement'
  | 'placement-day'
  | 'pupil'
  | 'pupil-reference'
  | 'pupil-day'
  | 'placement-booking'
  | 'work-experience-settings'
  // evidence (issue 14)
  | 'recorded-encounter'
  | 'recorded-open'
  | 'report-snapshot'
  | 'policy-review-sent'
  | 'record-audit'
  | 'gias-school'
  | 'group'
  | 'group-member'
  | 'group-school'
  // integrations (issue 18)
  | 'api-key'
  | 'api-key-use'
  | 'webhook-endpoint'
  | 'calendar-feed'
  // reschedule (issue 15)
  | 'reschedule';
