import { DomainError } from '../../../domain/errors.js';
import { mayActOn } from '../../../domain/inquiry.js';
import type { StaffMember } from '../../../domain/staff.js';
import type { PlatformContext } from '../../platform.js';
import { translate } from '../i18n/index.js';
import { formatWhen } from '../format-time.js';
import type { FormCaller, FormContext, FormId, FormSpec, FormTarget, FormUseCase, FormValues } from './form-spec.js';
import { escalate, holdingReply, logCall, newInquiry, recordProgress, replyEmail, writeLetter } from './inquiry-forms.js';
import { externalStep, planMeeting, recordDecision, recordMinutes, scheduleCall, sendSummary } from './workflow-forms.js';
import { handOver } from './hand-over-form.js';
import { recordRating } from './rating-form.js';
import { institutionSettingsForm } from './settings-form.js';
import { institutionMailboxForm } from './mailbox-form.js';
import { staffDirectoryForm } from './staff-directory-form.js';

export * from './form-spec.js';
export { fieldErrors, formProblems, FORM_REASONS } from './field-errors.js';
export { CLIENT_LANGUAGES, STAFF_CHANNELS } from './inquiry-forms.js';

/** Every form's one use case; Slack's view-submission table and Teams' dialog table are built from it. */
export const FORMS: Readonly<Record<FormId, FormUseCase>> = {
  new_inquiry: newInquiry,
  log_call: logCall,
  holding_reply: holdingReply,
  escalate,
  reply_email: replyEmail,
  schedule_call: scheduleCall,
  plan_meeting: planMeeting,
  record_minutes: recordMinutes,
  send_summary: sendSummary,
  external_step: externalStep,
  record_decision: recordDecision,
  record_progress: recordProgress,
  write_letter: writeLetter,
  hand_over: handOver,
  record_rating: recordRating,
  institution_settings: institutionSettingsForm,
  institution_mailbox: institutionMailboxForm,
  staff_directory: staffDirectoryForm,
};

export function isFormId(name: string): name is FormId {
  return name in FORMS;
}

/** A form as it opens: its fields, what it starts with, and what it is about in words. */
export interface FormView {
  readonly spec: FormSpec;
  /** The ids to carry through the form and back (complete: a meeting's form also names its inquiry). */
  readonly context: FormContext;
  readonly initial: FormValues;
  /** What the form is about, after its title: the registry number, the meeting's time or the institution. */
  readonly about: readonly string[];
  /** The step a decision is about: its institution and what is awaited. */
  readonly note?: { readonly title: string; readonly text: string };
  /** The active staff, for `staff` fields. */
  readonly staff: readonly StaffMember[];
}

async function loadTarget(services: PlatformContext, context: FormContext): Promise<FormTarget> {
  const meeting = context.meetingId ? await services.meetings.get(context.meetingId) : null;
  const reference = meeting?.inquiryId ?? context.inquiryId;
  const details = reference ? await services.queries.get(reference) : null;
  const step = context.stepId ? details?.externalSteps.find((candidate) => candidate.id === context.stepId) : null;
  if (context.stepId && !step) throw new DomainError('EXTERNAL_STEP.NOT_FOUND', `External step ${context.stepId} was not found`, { stepId: context.stepId });
  return { inquiry: details?.inquiry ?? null, meeting, step: step ?? null };
}

/** The forms about a call to the client (R29.agreed-time, R31.callback). */
const CALL_FORMS: ReadonlySet<FormId> = new Set<FormId>(['log_call', 'schedule_call']);

/**
 * What a form shows at its top: the step a decision is about; for a call, the client's name, phone and e-mail — the
 * number to dial where the call is logged — to those who may act on the inquiry (issue #13, R29.agreed-time).
 */
function noteOf(id: FormId, caller: FormCaller, { inquiry, step }: FormTarget): Pick<FormView, 'note'> {
  if (step) return { note: { title: step.institution, text: step.what } };
  if (!inquiry || !CALL_FORMS.has(id) || !mayActOn(inquiry, caller.actor)) return {};
  const { name, phone, email } = inquiry.client;
  return { note: { title: translate(caller.language, 'card.client'), text: [name, phone, email].filter((part) => part).join(' · ') } };
}

/**
 * Opens a form: refused first when it could not be used (signature, meeting or step state, D25). `check: false`
 * shows it again after a refused submission, the refusal beside its field rather than instead of the form.
 */
export async function openForm(id: FormId, caller: FormCaller, context: FormContext, services: PlatformContext, check = true): Promise<FormView> {
  const useCase = FORMS[id];
  const target = await loadTarget(services, context);
  if (check) await useCase.before?.(services, caller, target);
  const { inquiry, meeting, step } = target;
  const about = [
    ...(inquiry ? [inquiry.registryNumber] : []),
    ...(meeting ? [formatWhen(meeting.startsAt, caller.language, services.clock.now(), services.config.TIME_ZONE)] : []),
    ...(step ? [step.institution] : []),
  ];
  return {
    spec: useCase.specFor?.(services, caller, target) ?? useCase.spec,
    context: { ...context, ...(inquiry ? { inquiryId: inquiry.id } : {}) },
    initial: (await useCase.initial?.(services, caller, target, context)) ?? {},
    about,
    ...noteOf(id, caller, target),
    staff: useCase.spec.fields.some((field) => field.kind === 'staff') ? await services.queries.staffWithRole(null) : [],
  };
}

/** Submits a form: the one domain call; the confirmation to say privately, or null (the notifier's message is it). */
export async function submitForm(id: FormId, caller: FormCaller, context: FormContext, values: FormValues, services: PlatformContext): Promise<string | null> {
  return FORMS[id].submit(services, caller, await loadTarget(services, context), values);
}

/** The title of a form, with what it is about (Teams' dialog title; Slack's are too short for more than the title). */
export function formTitle(view: FormView, caller: FormCaller): string {
  return [translate(caller.language, view.spec.title), ...view.about].join(' · ');
}
