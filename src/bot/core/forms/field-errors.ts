import { DomainError } from '../../../domain/errors.js';
import { FIELD_REASONS } from '../../../domain/validation.js';
import { describeError } from '../describe-error.js';
import { translate, type Language, type MessageKey } from '../i18n/index.js';
import type { FormSpec, FormValues } from './form-spec.js';

/** Reasons a platform or a core form gives itself while reading a form, before or beside the domain's. */
export const FORM_REASONS = {
  /** A member picked who is not in the staff directory (Slack's people picker). */
  notStaff: 'not_staff',
  /** A date or time the platform could not read (worded as the domain's unreadable date). */
  unreadable: FIELD_REASONS.unreadable,
  /** Issue #17, a pasted staff directory: not YAML or JSON (`line` says where), or not a list of people. */
  unreadableText: 'unreadable_text',
  notList: 'not_a_list',
  /** A record's manager is in neither the directory nor the list (R4.owner: escalations go to them). */
  unknownManager: 'unknown_manager',
  /** The managers go round in a circle (escalations walk the chain, so it must end). */
  managerLoop: 'manager_loop',
} as const;

/** A refusal of the form's own reading, shown beside the fields like the domain's; facts (`line`) fill its words. */
export function formProblems(problems: ReadonlyArray<{ readonly path: string; readonly message: string; readonly [fact: string]: string | number }>): DomainError {
  return new DomainError('INPUT.INVALID', `Invalid input: ${problems.map((problem) => problem.path).join(', ')}`, { fields: problems });
}

const REASON_KEYS: Readonly<Record<string, MessageKey>> = {
  [FORM_REASONS.notStaff]: 'slack.form.not_staff',
  [FORM_REASONS.unreadableText]: 'form.reason.unreadable_text',
  [FORM_REASONS.notList]: 'form.reason.not_a_list',
  [FORM_REASONS.unknownManager]: 'form.reason.unknown_manager',
  [FORM_REASONS.managerLoop]: 'form.reason.manager_loop',
  [FIELD_REASONS.unreadable]: 'form.reason.unreadable',
  // A time the clock refuses: in the past, or a retry sooner than the procedure allows (R31.callback).
  [FIELD_REASONS.notInFuture]: 'form.reason.not_in_future',
  [FIELD_REASONS.tooSoon]: 'form.reason.too_soon',
  [FIELD_REASONS.sameAsChair]: 'form.reason.same_as_chair',
  [FIELD_REASONS.tooLong]: 'form.reason.too_long',
  [FIELD_REASONS.tooShort]: 'form.reason.too_short',
  [FIELD_REASONS.phone]: 'form.reason.phone',
  [FIELD_REASONS.email]: 'form.reason.email',
  [FIELD_REASONS.choice]: 'form.reason.choice',
  [FIELD_REASONS.afterStatutoryDeadline]: 'form.reason.after_statutory_deadline',
  [FIELD_REASONS.unreachable]: 'form.reason.unreachable',
  [FIELD_REASONS.loginRefused]: 'form.reason.login_refused',
  [FIELD_REASONS.noFolder]: 'form.reason.no_folder',
  required: 'form.required',
};

type Problem = { path: string; message: string; reason?: string } & Record<string, string | number>;

/**
 * The words for one refused field: by its reason (the domain's, or its schema message), with the error's facts
 * (the minutes of R31.callback, a text's `max`, else the field's own limit); a services' `length` is too long when
 * filled. Without a known reason: "required" for a field left empty, else "invalid".
 */
function wording(problem: Problem, spec: FormSpec, id: string, filled: boolean, language: Language): string {
  const field = spec.fields.find((candidate) => candidate.id === id);
  const reason = problem.reason ?? (problem.message === 'length' && filled ? FIELD_REASONS.tooLong : problem.message);
  const key = REASON_KEYS[reason] ?? (filled ? 'form.invalid' : 'form.required');
  const limits = { ...(field?.limit?.max !== undefined ? { max: field.limit.max } : {}), ...(field?.limit?.min !== undefined ? { min: field.limit.min } : {}) };
  return translate(language, !filled && reason === FIELD_REASONS.tooShort ? 'form.required' : key, { ...limits, ...problem });
}

/** The field a domain path belongs to: itself, or its longest dotted prefix (`participants.3` → `participants`). */
function fieldOf(path: string, ids: readonly string[]): string | null {
  for (let candidate = path; candidate !== ''; candidate = candidate.slice(0, Math.max(candidate.lastIndexOf('.'), 0))) {
    if (ids.includes(candidate)) return candidate;
  }
  return null;
}

/** A path into a list of records (`2.email`, `2`): the record's index and the rest of the path. */
function recordOf(path: string): { index: number; field: string } | null {
  const match = /^(\d+)(?:\.(.+))?$/.exec(path);
  return match ? { index: Number(match[1]), field: match[2] ?? '' } : null;
}

/** At most this many refused records are listed beside a list field; the rest are counted. */
const LISTED_RECORDS = 5;

/** The refused records of a list field, one a line: "record 3, field email: …", numbered from 1 as people count. */
function recordsWording(problems: ReadonlyArray<{ problem: Problem; index: number; field: string }>, spec: FormSpec, id: string, language: Language): string {
  const lines = problems.slice(0, LISTED_RECORDS).map(({ problem, index, field }) => {
    const params = { record: index + 1, field, problem: wording(problem, spec, id, true, language) };
    return translate(language, field === '' ? 'form.record' : 'form.record_field', params);
  });
  const more = problems.length - LISTED_RECORDS;
  return [...lines, ...(more > 0 ? [translate(language, 'form.records_more', { count: more })] : [])].join('\n');
}

/**
 * The one mapping from a refusal to words beside fields, for every platform. INPUT.INVALID: each path beside
 * its field (aliases first), worded by its reason (`wording`); a path into a list field's records beside that field,
 * naming the record (`recordsWording`). Any other coded refusal goes beside the spec's
 * refusal field: worded by its reason when it names one (R14.holding-reply: `not_in_future`), else described.
 * Null for an unexpected error, which the platform reports its own way.
 */
export function fieldErrors(error: unknown, spec: FormSpec, values: FormValues, language: Language): Record<string, string> | null {
  if (!(error instanceof DomainError)) return null;
  const ids = spec.fields.map((field) => field.id);
  const errors: Record<string, string> = {};
  if (error.code === 'INPUT.INVALID') {
    const fields = (error.details.fields as Problem[] | undefined) ?? [];
    const records: Array<{ problem: Problem; index: number; field: string }> = [];
    for (const field of fields) {
      const record = spec.listField === undefined ? null : recordOf(field.path);
      if (record) {
        records.push({ problem: field, ...record });
        continue;
      }
      const id = fieldOf(spec.errorAliases?.[field.path] ?? field.path, ids);
      if (id === null) continue;
      errors[id] ??= wording(field, spec, id, (values[id] ?? '').trim() !== '', language);
    }
    if (records.length > 0) errors[spec.listField!] ??= recordsWording(records, spec, spec.listField!, language);
  }
  if (Object.keys(errors).length > 0) return errors;
  const reason = typeof error.details.reason === 'string' ? REASON_KEYS[error.details.reason] : undefined;
  return { [spec.refusalField ?? ids[0] ?? 'value']: reason ? translate(language, reason) : describeError(error, language) };
}
