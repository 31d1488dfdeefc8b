import { z } from 'zod';
import { DomainError } from './errors.js';

/** Parses input at a domain boundary; a failure is a coded error listing each field's problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message, ...reasonOf(issue) }));
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
  /** A text longer than the schema allows (`max` says how long it may be). */
  tooLong: 'too_long',
  /** A text shorter than the schema asks (`min`). */
  tooShort: 'too_short',
  /** Not a phone number (R7.channels: the client is called back on it). */
  phone: 'phone',
  /** Not an e-mail address. */
  email: 'email',
  /** A value that is none of the choices offered. */
  choice: 'choice',
  /** A date or time that could not be read. */
  unreadable: 'unreadable',
  /** R14.holding-reply: a promise later than the statutory deadline. */
  afterStatutoryDeadline: 'after_statutory_deadline',
  /** Issue #17: a mail server that did not answer. */
  unreachable: 'unreachable',
  /** Issue #17: a mail server that refused the login (a wrong user or password). */
  loginRefused: 'login_refused',
  /** Issue #17: an IMAP folder the server does not have. */
  noFolder: 'no_folder',
} as const;
export type FieldReason = (typeof FIELD_REASONS)[keyof typeof FIELD_REASONS];

const REASONS: ReadonlySet<string> = new Set<string>([...Object.values(FIELD_REASONS), 'required']);

/**
 * Why zod refused a field, as a stable reason with its facts (`{ reason: 'too_long', max: 200 }`), so a form can
 * say what is wrong. A schema whose message is already a reason (`'phone'`, `'required'`) needs none added.
 */
function reasonOf(issue: z.core.$ZodIssue): { reason?: string; min?: number; max?: number } {
  if (REASONS.has(issue.message)) return {};
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string' ? { reason: FIELD_REASONS.tooLong, max: Number(issue.maximum) } : {};
    case 'too_small':
      if (issue.origin !== 'string') return {};
      return Number(issue.minimum) <= 1 ? { reason: 'required' } : { reason: FIELD_REASONS.tooShort, min: Number(issue.minimum) };
    case 'invalid_format':
      return issue.format === 'email' ? { reason: FIELD_REASONS.email } : {};
    case 'invalid_value':
      return { reason: FIELD_REASONS.choice };
    case 'invalid_type':
      return issue.expected === 'date' ? { reason: FIELD_REASONS.unreadable } : {};
    default:
      return {};
  }
}

/** A field the schema accepted but the command's context refuses (a time too early for the clock, say). */
export function invalidField(path: string, message: FieldReason | 'required', facts: Record<string, string | number> = {}): DomainError {
  return new DomainError('INPUT.INVALID', `Invalid input: ${path}: ${message}`, { fields: [{ path, message, ...facts }] });
}

/** The length a text field may have, as a domain schema says; forms show it (a platform may clamp it to its widget). */
export interface FieldLimit {
  readonly min?: number;
  readonly max?: number;
}

/** Longest texts the services accept where no zod schema states it (R14 reply, R55 letter, R48 summary). */
export const TEXT_LIMITS = { reply: 50_000, letter: 20_000, summary: 20_000 } as const;

function unwrapped(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodNullable || current instanceof z.ZodOptional) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

/**
 * The string limits of an object schema by dotted path (`client.email` → { max: 320 }), read from the schema
 * itself so forms cannot drift from what the domain enforces. Arrays and non-string fields have none.
 */
export function fieldLimits(schema: z.ZodType, prefix = ''): Readonly<Record<string, FieldLimit>> {
  const inner = unwrapped(schema);
  if (inner instanceof z.ZodObject) {
    const limits: Record<string, FieldLimit> = {};
    for (const [key, child] of Object.entries(inner.shape as Record<string, z.ZodType>)) Object.assign(limits, fieldLimits(child, prefix ? `${prefix}.${key}` : key));
    return limits;
  }
  // A string or a string format (`z.email()`), which zod 4 keeps apart from ZodString.
  if ((inner instanceof z.ZodString || inner instanceof z.ZodStringFormat) && prefix !== '') {
    const { minLength, maxLength } = inner;
    if (minLength === null && maxLength === null) return {};
    return { [prefix]: { ...(minLength !== null ? { min: minLength } : {}), ...(maxLength !== null ? { max: maxLength } : {}) } };
  }
  return {};
}
