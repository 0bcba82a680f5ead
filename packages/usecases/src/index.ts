export * from './context.js';
export * from './errors.js';
export * from './facts.js';
export * from './request-slot.js';
export * from './approve-booking.js';
export * from './publish-slot.js';
export * from './school-standing.js';
