export * from './client.js';
export * from './invitations.js';
export * from './keys.js';
export * from './organisations.js';
export * from './outbox.js';
export * from './table.js';
export * from './transact.js';
