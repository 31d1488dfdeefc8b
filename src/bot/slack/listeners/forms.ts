import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { DomainError, StaffNotFoundError } from '../../../domain/errors.js';
import type { StaffMember } from '../../../domain/staff.js';
import { describeError } from '../../core/describe-error.js';
import {
  answeredSpec, fieldErrors, FORM_IDS, FORM_REASONS, FORMS, formProblems, isFormId, openForm, submitForm, type FieldSpec, type FormContext, type FormId, type FormSpec,
} from '../../core/forms/index.js';
import { splitPair } from '../render/actions.js';
import { VALUE } from '../render/form-parts.js';
import { formModal, savedModal } from '../render/form.js';
import type { SlackServices } from '../services.js';
import { languageOf, onButton, type FormRequest } from './interaction.js';
import type { SlackRoutes } from './routes.js';

/** Opens a core form as a modal; a refusal before it opens (D25, R36.signature) is told privately by the caller. */
export async function openFormModal(services: SlackServices, request: FormRequest, id: FormId, context: FormContext): Promise<void> {
  const caller = { actor: request.actor, language: request.actor.language };
  const view = await openForm(id, caller, context, services);
  await request.client.views.open({ trigger_id: request.triggerId, view: formModal(view, caller.language) });
}

/** The buttons (in DMs, on cards) that open a form: which form, about what, from the button's value. */
const FORM_BUTTONS: Record<string, (value: string) => [FormId, FormContext]> = {
  log_call: (inquiryId) => ['log_call', { inquiryId }],
  escalate: (inquiryId) => ['escalate', { inquiryId }],
  reply_email: (inquiryId) => ['reply_email', { inquiryId }],
  // R31.callback: after a failed retry, the e-mail starts from the draft in the client's language.
  email_client: (inquiryId) => ['reply_email', { inquiryId, prefill: { draft: 'missed_call' } }],
  write_letter: (inquiryId) => ['write_letter', { inquiryId }],
  // R4.owner: Hand over (reassign) in a manager's DM about a stalled inquiry.
  hand_over: (inquiryId) => ['hand_over', { inquiryId }],
  // R60.external: Record rating on a resolved phone or in-person inquiry's card.
  record_rating: (inquiryId) => ['record_rating', { inquiryId }],
  schedule_call: (inquiryId) => ['schedule_call', { inquiryId }],
  // R24.other-institution: conflicting decisions → the institutions that decided join the draft's participants.
  plan_joint_meeting: (inquiryId) => ['plan_meeting', { inquiryId, prefill: { joint: true } }],
  record_minutes: (value) => ['record_minutes', { meetingId: splitPair(value)[1] }],
  send_summary: (value) => ['send_summary', { meetingId: splitPair(value)[1] }],
  record_decision: (value) => ['record_decision', { inquiryId: splitPair(value)[0], stepId: splitPair(value)[1] }],
};

const elementSchema = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_date_time: z.number().nullish(),
  selected_user: z.string().nullish(),
});

/** The parts of a view_submission payload a form uses. */
export const viewSubmissionSchema = z.object({
  user: z.object({ id: z.string() }),
  view: z.object({
    callback_id: z.string(),
    private_metadata: z.string().default('{}'),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), elementSchema)) }),
  }),
});
type Submission = z.infer<typeof viewSubmissionSchema>;
type Element = z.infer<typeof elementSchema>;

/** What a field holds as the core reads it, for every kind but a staff member (mapped to the directory below). */
function answerOf(field: FieldSpec, element: Element | undefined): string {
  const seconds = element?.selected_date_time;
  if (field.kind === 'datetime') return typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : '';
  if (field.kind === 'toggle') return String((element?.selected_options?.length ?? 0) > 0);
  return element?.value ?? element?.selected_option?.value ?? element?.selected_user ?? '';
}

const metadataSchema = z.object({ inquiryId: z.string().optional(), meetingId: z.string().optional(), stepId: z.string().optional() });
const contextOf = (metadata: string): FormContext => metadataSchema.parse(JSON.parse(metadata || '{}'));

/** The form's values as the core reads them; a Slack member is mapped to the staff directory here. */
async function valuesOf(submission: Submission, spec: FormSpec, services: SlackServices) {
  const values: Record<string, string> = {};
  const problems: Array<{ path: string; message: string }> = [];
  for (const field of spec.fields) {
    const element = submission.view.state.values[field.id]?.[VALUE];
    values[field.id] = field.kind === 'staff' ? await staffId(element?.selected_user ?? null, field.id) : answerOf(field, element);
  }
  return { values, problems };

  async function staffId(slackUser: string | null, path: string): Promise<string> {
    if (slackUser === null) return '';
    try {
      return (await services.staff.findBySlackUser(slackUser)).id;
    } catch (error) {
      if (!(error instanceof StaffNotFoundError)) throw error;
      problems.push({ path, message: FORM_REASONS.notStaff });
      return slackUser;
    }
  }
}

/**
 * A submission runs its domain command before the ack, because only the ack can put errors beside the fields;
 * the command is one short transaction, well inside Slack's 3 seconds. What follows (the card, the thread,
 * DMs) goes through the outbox after the ack. The confirmation is said privately once it is saved.
 */
function onSubmit(services: SlackServices, id: FormId) {
  const { spec } = FORMS[id];
  return async ({ ack, body }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const submission = viewSubmissionSchema.parse(body);
    const context = contextOf(submission.view.private_metadata);
    let actor: StaffMember | null = null;
    let values: Record<string, string> = {};
    let confirmation: string | null;
    try {
      actor = await services.staff.findBySlackUser(submission.user.id);
      const read = await valuesOf(submission, spec, services);
      values = read.values;
      if (read.problems.length > 0) throw formProblems(read.problems);
      confirmation = await submitForm(id, { actor, language: actor.language }, context, values, services);
    } catch (error) {
      if (!(error instanceof DomainError)) services.logger.error({ err: error }, 'slack form failed');
      const language = languageOf(actor, services);
      const errors = fieldErrors(error, spec, values, language) ?? { [spec.fields[0]!.id]: describeError(error, language) };
      await ack({ response_action: 'errors', errors });
      return;
    }
    // Confirmed in place: the modal now says what was saved; with nothing to say it simply closes.
    await ack(confirmation ? { response_action: 'update', view: savedModal(spec, confirmation, actor.language) } : undefined);
  };
}

/** A form as it stands while it is filled in: its answers so far, and how each input is drawn now. */
const openViewSchema = z.object({
  user: z.object({ id: z.string() }),
  view: z.object({
    id: z.string(),
    hash: z.string().optional(),
    callback_id: z.string(),
    private_metadata: z.string().default('{}'),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), elementSchema)) }),
    blocks: z.array(z.object({ block_id: z.string().optional(), optional: z.boolean().optional() })).default([]),
  }),
});

/**
 * An answer other fields depend on has changed (the call's outcome, the escalation's kind, a next step typed). When
 * that changes which fields are required, the form is redrawn so that what Slack marks "(optional)" may really be
 * left empty; the answers typed so far stay (same block and action ids). Nothing is said on failure: the
 * submission still checks everything, and a newer change redraws again.
 */
function onAnswer(services: SlackServices) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const parsed = openViewSchema.safeParse(body);
    if (!parsed.success || !isFormId(parsed.data.view.callback_id)) return;
    const { user, view } = parsed.data;
    const id = view.callback_id as FormId;
    const { spec } = FORMS[id];
    const answers = Object.fromEntries(spec.fields.map((field) => [field.id, answerOf(field, view.state.values[field.id]?.[VALUE])]));
    const drawnRequired = new Map(view.blocks.map((block) => [block.block_id, block.optional !== true]));
    const moved = answeredSpec(spec, answers).fields.some((field, at) => spec.fields[at]!.requiredWhen && drawnRequired.has(field.id) && drawnRequired.get(field.id) !== (field.required === true));
    if (!moved) return;
    try {
      const actor = await services.staff.findBySlackUser(user.id);
      const form = await openForm(id, { actor, language: actor.language }, contextOf(view.private_metadata), services, false);
      await client.views.update({ view_id: view.id, ...(view.hash ? { hash: view.hash } : {}), view: formModal(form, actor.language, answers) });
    } catch (error) {
      // A newer keystroke already changed the view (hash_conflict), or the form's inquiry is gone: both harmless here.
      services.logger.debug({ err: error, form: id }, 'slack form not redrawn');
    }
  };
}

/** Every form's submission, its answers that others depend on, and every button that opens one. */
export function register(_app: App, services: SlackServices, routes: SlackRoutes): void {
  for (const id of FORM_IDS) routes.view(id, onSubmit(services, id));
  routes.action(VALUE, onAnswer(services));
  for (const [action, target] of Object.entries(FORM_BUTTONS)) {
    routes.action(action, onButton(services, (actor, value, body, client) => openFormModal(services, { client, actor, triggerId: body.trigger_id }, ...target(value))));
  }
}
