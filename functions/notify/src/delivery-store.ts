// The store's index does not re-export delivery.ts yet (its owner adds that line); until it does,
// this is the one import to switch to '@schoolgate/store'.
export * from '../../../packages/store/src/delivery.js';
