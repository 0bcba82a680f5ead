export * from './time.js';
export * from './cohorts.js';
export * from './phases.js';
export * from './calendar.js';
export * from './providers.js';
export * from './rules.js';
export * from './encounters.js';
export * from './marketplace.js';
export * from './evaluate.js';
export * from './compliance.js';
// .ics parsing (`@schoolgate/domain/ics`) runs in the browser: kept out of the index so the API's
// Lambda bundle does not carry ical.js.
export * from './work-experience.js';
export * from './offers.js';
export * from './benchmark5.js';
export * from './evidence.js';
export * from './gias.js';
export * from './reschedule.js';
