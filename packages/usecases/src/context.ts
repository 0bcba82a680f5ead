import type { Db } from '@schoolgate/store';

/** What every use case needs from its surroundings; the API and the consumers build it once. */
export interface UseCaseContext {
  db: Db;
  now: () => Date;
  newId: () => string;
}
