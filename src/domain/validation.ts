import type { z } from 'zod';
import { DomainError } from './errors.js';

/** Parses input at a domain boundary; a failure is a coded error listing each field's problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  throw new DomainError('INPUT.INVALID', `Invalid input: ${fields.map((f) => `${f.path || '(root)'}: ${f.message}`).join('; ')}`, { fields });
}

/**
 * Stable reasons a command gives for refusing a field, beside the schema's own messages; adapters word them
 * for people, so they never change once released.
 */
export const FIELD_REASONS = {
  /** A time that has already passed. */
  notInFuture: 'not_in_future',
  /** R31.callback: a retry sooner than the policy allows. */
  tooSoon: 'too_soon',
  /** R45.meetings: the recorder is the chair. */
  sameAsChair: 'same_as_chair',
} as const;
export type FieldReason = (typeof FIELD_REASONS)[keyof typeof FIELD_REASONS];

/** A field the schema accepted but the command's context refuses (a time too early for the clock, say). */
export function invalidField(path: string, message: FieldReason | 'required', facts: Record<string, string | number> = {}): DomainError {
  return new DomainError('INPUT.INVALID', `Invalid input: ${path}: ${message}`, { fields: [{ path, message, ...facts }] });
}
