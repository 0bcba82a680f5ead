export * from './client.js';
export * from './keys.js';
export * from './outbox.js';
export * from './table.js';
