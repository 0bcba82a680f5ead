import { zValidator } from '@hono/zod-validator';
import type { z } from 'zod';
import { validationProblem } from './problem.js';

/**
 * zod validation that answers problem+json naming each bad field, for JSON bodies, query strings
 * and path parameters alike.
 */
export const validate = <T extends z.ZodType, Target extends 'json' | 'query' | 'param'>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) {
      throw validationProblem(result.error.issues, target === 'json' ? 'body' : target === 'query' ? 'query' : 'path');
    }
  });
