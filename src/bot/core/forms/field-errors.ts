import { DomainError } from '../../../domain/errors.js';
import { FIELD_REASONS } from '../../../domain/validation.js';
import { describeError } from '../describe-error.js';
import { translate, type Language, type MessageKey } from '../i18n/index.js';
import type { FormSpec, FormValues } from './form-spec.js';

/** Reasons a platform gives itself while reading a form, before the domain sees it. */
export const FORM_REASONS = {
  /** A member picked who is not in the staff directory (Slack's people picker). */
  notStaff: 'not_staff',
  /** A date or time the platform could not read. */
  unreadable: 'unreadable',
} as const;

/** A refusal of the form's own reading, shown beside the fields like the domain's. */
export function formProblems(problems: ReadonlyArray<{ path: string; message: string }>): DomainError {
  return new DomainError('INPUT.INVALID', `Invalid input: ${problems.map((problem) => problem.path).join(', ')}`, { fields: problems });
}

const REASON_KEYS: Readonly<Record<string, MessageKey>> = {
  [FORM_REASONS.notStaff]: 'slack.form.not_staff',
  [FORM_REASONS.unreadable]: 'form.invalid',
  // A time the clock refuses: in the past, or a retry sooner than the procedure allows (R31.callback).
  [FIELD_REASONS.notInFuture]: 'form.reason.not_in_future',
  [FIELD_REASONS.tooSoon]: 'form.reason.too_soon',
  [FIELD_REASONS.sameAsChair]: 'form.reason.same_as_chair',
  required: 'form.required',
};

/** The field a domain path belongs to: itself, or its longest dotted prefix (`participants.3` → `participants`). */
function fieldOf(path: string, ids: readonly string[]): string | null {
  for (let candidate = path; candidate !== ''; candidate = candidate.slice(0, Math.max(candidate.lastIndexOf('.'), 0))) {
    if (ids.includes(candidate)) return candidate;
  }
  return null;
}

/**
 * The one mapping from a refusal to words beside fields, for every platform. INPUT.INVALID: each path beside
 * its field (aliases first), worded by its reason with the error's facts (the minutes of R31.callback); an
 * unnamed reason is "required" for a field left empty, else "invalid". Any other coded refusal goes beside the
 * spec's refusal field. Null for an unexpected error, which the platform reports its own way.
 */
export function fieldErrors(error: unknown, spec: FormSpec, values: FormValues, language: Language): Record<string, string> | null {
  if (!(error instanceof DomainError)) return null;
  const ids = spec.fields.map((field) => field.id);
  const errors: Record<string, string> = {};
  if (error.code === 'INPUT.INVALID') {
    const fields = (error.details.fields as Array<{ path: string; message: string } & Record<string, string | number>> | undefined) ?? [];
    for (const field of fields) {
      const id = fieldOf(spec.errorAliases?.[field.path] ?? field.path, ids);
      if (id === null) continue;
      const filled = (values[id] ?? '').trim() !== '';
      errors[id] ??= translate(language, REASON_KEYS[field.message] ?? (filled ? 'form.invalid' : 'form.required'), field);
    }
  }
  if (Object.keys(errors).length > 0) return errors;
  return { [spec.refusalField ?? ids[0] ?? 'value']: describeError(error, language) };
}
