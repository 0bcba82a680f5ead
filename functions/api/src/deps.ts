import { monotonicFactory } from 'ulidx';
import type { Db, FileStore } from '@schoolgate/store';
import type { TokenVerifier } from './auth.js';

/** Everything a handler reaches outside itself; tests pass their own clock and ids. */
export interface ApiDeps {
  db: Db;
  verifier: TokenVerifier;
  now: () => Date;
  newId: () => string;
  webBaseUrl: string;
  /** Writes per user per clock minute; WRITES_PER_MINUTE_PER_USER unless a test needs otherwise. */
  writesPerMinute?: number;
  /** The safety pack's file bucket (S3, or the local stand-in); file routes answer 409 without it. */
  files?: FileStore;
  /** Lets a webhook endpoint be plain http://127.0.0.1 (local runs and tests only). */
  allowLocalWebhooks?: boolean;
}

export const ulid = monotonicFactory();
