export * from './common.js';
export * from './organisations.js';
export * from './policy.js';
export * from './slots.js';
export * from './outputs.js';
export * from './calendar-feed.js';
