export * from './common.js';
export * from './organisations.js';
export * from './policy.js';
export * from './slots.js';
export * from './outputs.js';
export * from './safety-pack.js';
export * from './integrations.js';
