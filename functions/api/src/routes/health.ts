import { Hono } from 'hono';
import { health as healthSchema } from '@schoolgate/contracts';
import { tableStatus } from '@schoolgate/usecases';
import { deps, type AppEnv } from '../context.js';
import { route } from '../declare.js';
import { count, logger } from '../observability.js';

export const health = new Hono<AppEnv>().get(
  '/health',
  route({
    operationId: 'getHealth',
    summary: 'The table is reachable (503 with Retry-After when it is not)',
    tag: 'Platform',
    auth: 'public',
    response: { schema: healthSchema },
  }),
  async (c) => {
    try {
      // Public: says whether the store answers, never what it is called or why it does not.
      return c.json({ status: 'ok', table: { status: await tableStatus(deps(c).db) } });
    } catch (error) {
      logger.error('health check failed', { correlation_id: c.get('requestId'), error: String(error) });
      count('HealthCheckFailed');
      c.header('retry-after', '5');
      return c.json({ status: 'unavailable' }, 503);
    }
  },
);
