import { monotonicFactory } from 'ulidx';
import type { Db } from '@schoolgate/store';
import type { TokenVerifier } from './auth.js';

/** Everything a handler reaches outside itself; tests pass their own clock and ids. */
export interface ApiDeps {
  db: Db;
  verifier: TokenVerifier;
  now: () => Date;
  newId: () => string;
  webBaseUrl: string;
}

export const ulid = monotonicFactory();
