import { DomainError, InquiryNotFoundError } from '../../../domain/errors.js';
import type { ExternalStep } from '../../../domain/external-step.js';
import type { Inquiry } from '../../../domain/inquiry.js';
import type { Meeting } from '../../../domain/meeting.js';
import type { StaffMember } from '../../../domain/staff.js';
import type { FieldLimit } from '../../../domain/validation.js';
import { invalidField } from '../../../domain/validation.js';
import type { PlatformContext } from '../../platform.js';
import { translate, type Language, type MessageKey } from '../i18n/index.js';
import type { FormPrefill } from '../notices/notice.js';

export type { FormPrefill };

/** Every form of the procedure; Slack's callback id and Teams' dialog name (`new` for `new_inquiry`). */
export const FORM_IDS = [
  'new_inquiry', 'log_call', 'holding_reply', 'escalate', 'reply_email', 'schedule_call', 'plan_meeting',
  'record_minutes', 'send_summary', 'external_step', 'record_decision', 'record_progress', 'write_letter',
  'hand_over', 'record_rating', 'institution_settings', 'institution_mailbox', 'staff_directory',
] as const;
export type FormId = (typeof FORM_IDS)[number];

/** `staff`: a person from the staff directory (Slack picks a member, Teams chooses among the active staff). */
export type FieldKind = 'text' | 'multiline' | 'choice' | 'datetime' | 'toggle' | 'staff';

export interface FieldChoice {
  readonly value: string;
  readonly label: MessageKey | { readonly literal: string };
}

/** One field; `id` is the domain's path (`client.email`), so a refusal lands beside it on every platform. */
export interface FieldSpec {
  readonly id: string;
  readonly label: MessageKey;
  readonly kind: FieldKind;
  /**
   * Always required (marked, and enforced by the platform too), optional, or depending on other answers: then
   * `hint` names the condition and the label carries it (`fieldLabel`), so no platform shows it as plainly optional.
   */
  readonly required: boolean | 'conditional';
  /**
   * For a `conditional` field, the answers that make it required — all of them — as the domain's schema enforces
   * (R44.call-notes: the summary when the call reached the client). A platform that can redraw a form while it is
   * filled in (Slack) marks the field required or optional as the answers change.
   */
  readonly requiredWhen?: readonly FieldCondition[];
  readonly hint?: MessageKey;
  /** From the domain's schema; a platform clamps it to its widget (Slack's 3000). */
  readonly limit?: FieldLimit;
  readonly choices?: readonly FieldChoice[];
  /** A few choices shown all at once rather than in a menu. */
  readonly expanded?: true;
}

/** An answer another field's requirement depends on: one of some choices, or any text at all. */
export type FieldCondition =
  | { readonly field: string; readonly oneOf: readonly string[] }
  | { readonly field: string; readonly filled: true };

export interface FormSpec {
  readonly id: FormId;
  readonly title: MessageKey;
  /** For a platform whose form titles are short (Slack's 24 characters). */
  readonly shortTitle?: MessageKey;
  readonly fields: readonly FieldSpec[];
  /** A domain path shown beside another field: `client` ("an e-mail or a phone") beside `client.phone` (D27). */
  readonly errorAliases?: Readonly<Record<string, string>>;
  /** Where a coded refusal (signature, state) is shown; the first field when not named. */
  readonly refusalField?: string;
  /**
   * A field holding a list of records (a pasted staff directory): a domain path that starts with a record's index
   * (`2.email`) is shown beside it, as "record 3, field email: …".
   */
  readonly listField?: string;
}

/** What a form carries, by field id: datetime = ISO 8601, toggle 'true' | 'false', staff = a staff member's id. */
export type FormValues = Readonly<Record<string, string>>;

/** What a form is about, as a button or command names it; the platform carries it through the form and back. */
export interface FormContext {
  readonly inquiryId?: string;
  readonly meetingId?: string;
  readonly stepId?: string;
  readonly prefill?: FormPrefill;
}

/** Who fills the form in, and the language the form and its answer speak. */
export interface FormCaller {
  readonly actor: StaffMember;
  readonly language: Language;
}

/** The records a form acts on, loaded once per opening and per submission. */
export interface FormTarget {
  readonly inquiry: Inquiry | null;
  readonly meeting: Meeting | null;
  readonly step: ExternalStep | null;
}

/** One use case behind a form: refusals before it opens (D25), what it starts with, and its one domain call. */
export interface FormUseCase {
  /** Every field the form may have: submissions are read and refusals placed by it. */
  readonly spec: FormSpec;
  /** The form as this opening shows it, when what it offers depends on the deployment or the inquiry (e-mail). */
  specFor?(services: PlatformContext, caller: FormCaller, target: FormTarget): FormSpec;
  before?(services: PlatformContext, caller: FormCaller, target: FormTarget): Promise<void>;
  initial?(services: PlatformContext, caller: FormCaller, target: FormTarget, context: FormContext): Promise<FormValues>;
  /** The confirmation said privately to the caller, or null when the notifier's message is the confirmation (D26). */
  submit(services: PlatformContext, caller: FormCaller, target: FormTarget, values: FormValues): Promise<string | null>;
}

/** A field's label as every platform shows it: a conditional field names its condition (`Summary — required when …`). */
export function fieldLabel(field: FieldSpec, language: Language): string {
  const label = translate(language, field.label);
  if (field.required !== 'conditional' || !field.hint) return label;
  return translate(language, 'form.label.conditional', { label, condition: translate(language, field.hint) });
}

/** The hint shown below a field: a conditional field's condition is in its label instead. */
export function fieldHint(field: FieldSpec, language: Language): string | null {
  return field.hint && field.required !== 'conditional' ? translate(language, field.hint) : null;
}

/** The fields other fields' requirements depend on: a platform redraws the form when one of them changes. */
export function conditionFields(spec: FormSpec): ReadonlySet<string> {
  return new Set(spec.fields.flatMap((field) => (field.requiredWhen ?? []).map((condition) => condition.field)));
}

function holds(condition: FieldCondition, values: FormValues): boolean {
  const value = (values[condition.field] ?? '').trim();
  return 'filled' in condition ? value !== '' : condition.oneOf.includes(value);
}

/**
 * The form as the answers so far make it: each conditional field with a known condition becomes plainly required
 * or plainly optional (the hint still says when it would be required), so what a platform marks is what is enforced.
 */
export function answeredSpec(spec: FormSpec, values: FormValues): FormSpec {
  const fields = spec.fields.map((field): FieldSpec => {
    if (field.required !== 'conditional' || !field.requiredWhen) return field;
    const required = field.requiredWhen.every((condition) => holds(condition, values));
    const { hint, ...rest } = field;
    return required ? { ...rest, required } : { ...field, required };
  });
  return { ...spec, fields };
}

// Reading submitted values, the same way for every platform.

export const text = (values: FormValues, id: string): string => values[id] ?? '';

/** The trimmed text, or null when left empty (optional contact fields). */
export function optionalText(values: FormValues, id: string): string | null {
  const value = text(values, id).trim();
  return value === '' ? null : value;
}

export function date(values: FormValues, id: string): Date | null {
  const value = text(values, id);
  if (value === '') return null;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw new DomainError('INPUT.INVALID', `Invalid input: ${id}`, { fields: [{ path: id, message: 'unreadable' }] });
  return parsed;
}

/** A moment the form cannot do without; refused beside its field when missing. */
export function requiredDate(values: FormValues, id: string): Date {
  const value = date(values, id);
  if (value === null) throw invalidField(id, 'required');
  return value;
}

export const toggled = (values: FormValues, id: string): boolean => text(values, id) === 'true';

/** The inquiry a form about one inquiry acts on. */
export function inquiryOf(target: FormTarget): Inquiry {
  if (!target.inquiry) throw new InquiryNotFoundError('');
  return target.inquiry;
}
