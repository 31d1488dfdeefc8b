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

/** Thrown for a date or time that cannot be read or is missing; shown under its field like the domain's own errors. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly reason: 'invalid' | 'required' = 'invalid',
  ) {
    super(`${reason} ${field}`);
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

/** Like `localInstant`, for a moment the form cannot do without. */
export function requiredInstant(values: FormValues, field: string, zone: string): Date {
  const instant = localInstant(values, field, zone);
  if (instant === null) throw new FieldError(field, 'required');
  return instant;
}

/**
 * Field errors for the form: an INPUT.INVALID error's paths mapped to the form's fields (`required` when the
 * field was left empty). Null for any other error, which the dialog reports as a message instead.
 */
export function fieldErrors(error: unknown, fieldOfPath: Record<string, string>, values: FormValues, language: Language): FormErrors | null {
  if (error instanceof FieldError) return { [error.field]: translate(language, error.reason === 'required' ? 'form.required' : 'form.invalid') };
  if (!(error instanceof DomainError) || error.code !== 'INPUT.INVALID') return null;
  const errors: FormErrors = {};
  for (const { path } of (error.details.fields as Array<{ path: string }> | undefined) ?? []) {
    // A list's item (`participants.3`) is shown under the list's field.
    const field = fieldOfPath[path] ?? fieldOfPath[path.split('.')[0]!];
    if (!field) return null;
    errors[field] ??= translate(language, isFilled(values, field) ? 'form.invalid' : 'form.required');
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

/** Whether a field (or a date-time field's date) was filled in. */
export function isFilled(values: FormValues, field: string): boolean {
  return (values[field] ?? values[`${field}Date`] ?? '').trim() !== '';
}
