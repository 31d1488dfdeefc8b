import type { z } from 'zod';
import { DomainError } from './errors.js';

/** Parses input at a domain boundary; a failure is a coded error listing each field's problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  throw new DomainError('INPUT.INVALID', `Invalid input: ${fields.map((f) => `${f.path || '(root)'}: ${f.message}`).join('; ')}`, { fields });
}
