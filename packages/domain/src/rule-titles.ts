// The titles of the rule codes, with type imports only: the API's problem answers read them in
// code it evaluates at every cold start, which must not pull in the engine (or luxon).
import type { OfferRuleCode } from './offers.js';
import type { RescheduleRuleCode } from './reschedule.js';
import type { RuleCode } from './rules.js';

/**
 * The title of the answer the API gives when a rule stops something: one table, so every route
 * that refuses on a rule says the same thing about it.
 */
export const RULE_TITLES: Readonly<Record<RuleCode, string>> = {
  WHOLE_YEAR_GROUP: 'Not open to the whole year group',
  SCHOOL_HOURS: 'Outside the school day',
  MIN_DURATION: 'Too short to count',
  PHASE_WINDOW: 'Outside the pupils’ key phase',
  ELIGIBLE_PROVIDER: 'Not an eligible provider of technical education or apprenticeships',
  DISTINCT_PROVIDERS: 'The same provider again in this key phase',
  SLOT_FULL: 'Slot full',
  ALREADY_BOOKED: 'Already requested',
  NOTICE_PERIOD: 'Not enough notice',
  POLICY_NOT_PUBLISHED: 'No published access policy',
  SLOT_IN_PAST: 'Already happened',
  ACCESS_TIMES: 'Outside the school’s access times',
  ALREADY_HAPPENED: 'Too late to cancel',
  NOT_YET_HAPPENED: 'Not happened yet',
  SAFETY_CHECKS: 'Safety checks not signed off',
  INSURANCE_EXPIRED: 'Employers’ liability insurance expired',
  // placements (we-place)
  PLACEMENT_FULL: 'Placement day full',
  PUPIL_DOUBLE_BOOKED: 'Pupil already placed that day',
  PLACEMENT_DAY_NOT_OFFERED: 'Day not offered',
  SCHOOL_CLOSED_DAY: 'School closed that day',
  PLACEMENT_YEAR_GROUP: 'Not for this year group',
  PLACEMENT_NOTICE: 'Not enough notice for the host',
  PARENTAL_CONSENT: 'Parental consent not recorded',
  IN_PERSON: 'Not in person',
};

export const OFFER_RULE_TITLES: Readonly<Record<OfferRuleCode, string>> = {
  OFFER_DATE: 'Date not offered',
  OFFER_TIME: 'Time outside the offer',
  OFFER_YEAR_GROUP: 'Year group not offered',
  OFFER_CAPACITY: 'Not enough places on that date',
  OFFER_CLOSED: 'Offer closed',
  OFFER_VENUE: 'Choose a venue',
};

export const RESCHEDULE_RULE_TITLES: Readonly<Record<RescheduleRuleCode, string>> = {
  RESCHEDULE_NOT_CONFIRMED: 'Only a confirmed booking can be moved',
  RESCHEDULE_IN_PAST: 'Too late to move',
  RESCHEDULE_UNCHANGED: 'That is the time it already has',
  RESCHEDULE_PENDING: 'A new time is already proposed',
  RESCHEDULE_OWN_PROPOSAL: 'The other side answers this proposal',
  RESCHEDULE_OFFER_BOOKING: 'Bookings of an offer are moved by booking another date',
};
