import { DateTime } from 'luxon';
import { DomainError } from '../../../domain/errors.js';
import { translate, type Language } from '../../core/i18n/index.js';
import type { FormErrors, FormValues } from '../cards/forms.js';
import type { Data } from '../router.js';

/** The strings a submitted form carries (Teams sends every input as a string). */
export function formValues(data: Data): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(data)) if (typeof value === 'string') values[key] = value;
  return values;
}

/** Thrown for a date or time that cannot be read; shown under its field like the domain's own errors. */
export class FieldError extends Error {
  constructor(readonly field: string) {
    super(`unreadable ${field}`);
  }
}

/** A date (and optional time, 09:00 by default) typed in the institution's zone; null when left empty. */
export function localInstant(values: FormValues, field: string, zone: string): Date | null {
  const date = values[`${field}Date`]?.trim() ?? '';
  const time = values[`${field}Time`]?.trim() || '09:00';
  if (date === '') return null;
  const parsed = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!parsed.isValid) throw new FieldError(field);
  return parsed.toJSDate();
}

/**
 * Field errors for the form: an INPUT.INVALID error's paths mapped to the form's fields (`required` when the
 * field was left empty). Null for any other error, which the dialog reports as a message instead.
 */
export function fieldErrors(error: unknown, fieldOfPath: Record<string, string>, values: FormValues, language: Language): FormErrors | null {
  if (error instanceof FieldError) return { [error.field]: translate(language, 'form.invalid') };
  if (!(error instanceof DomainError) || error.code !== 'INPUT.INVALID') return null;
  const errors: FormErrors = {};
  for (const { path } of (error.details.fields as Array<{ path: string }> | undefined) ?? []) {
    const field = fieldOfPath[path];
    if (!field) return null;
    const empty = (values[field] ?? values[`${field}Date`] ?? '').trim() === '';
    errors[field] ??= translate(language, empty ? 'form.required' : 'form.invalid');
  }
  return Object.keys(errors).length > 0 ? errors : null;
}
