import { DomainError } from '../../../domain/errors.js';
import type { Meeting } from '../../../domain/meeting.js';
import type { ModalView } from '../render/block-types.js';
import { holdingReplyModal, replyEmailModal } from '../render/modals.js';
import {
  decisionModal,
  externalStepModal,
  letterModal,
  meetingModal,
  minutesModal,
  progressModal,
  scheduleCallModal,
  summaryModal,
} from '../render/workflow-modals.js';
import type { FormRequest } from './interaction.js';

// Opening the workflow forms, shared by the card's menu, the buttons in DMs and the slash commands.
// `reference` is an inquiry's id or registry number.

async function open(request: FormRequest, view: ModalView): Promise<void> {
  await request.client.views.open({ trigger_id: request.triggerId, view });
}

async function inquiryOf(request: FormRequest, reference: string) {
  return (await request.services.queries.get(reference)).inquiry;
}

/** R14.holding-reply: asks for the promised date before anything is recorded. */
export async function openHoldingReply(request: FormRequest, reference: string): Promise<void> {
  await open(request, holdingReplyModal(await inquiryOf(request, reference), request.actor.language));
}

/** R29.agreed-time */
export async function openScheduleCall(request: FormRequest, reference: string): Promise<void> {
  await open(request, scheduleCallModal(await inquiryOf(request, reference), request.actor.language));
}

/**
 * R45.meetings: pre-filled with the last meeting's participants and key points; the planner is offered as
 * the chair. `institutions` join the participants for a joint meeting (R24.other-institution).
 */
export async function openMeeting(request: FormRequest, reference: string, institutions: readonly string[] = []): Promise<void> {
  const draft = await request.services.meetings.draft((await inquiryOf(request, reference)).id);
  const participants = [...new Set([...draft.participants, ...institutions])];
  await open(request, meetingModal({ ...draft, participants, chair: request.actor.slackUserId }, request.actor.language));
}

/** R24.other-institution */
export async function openExternalStep(request: FormRequest, reference: string): Promise<void> {
  await open(request, externalStepModal(await inquiryOf(request, reference), request.actor.language));
}

/** R19.status */
export async function openProgress(request: FormRequest, reference: string): Promise<void> {
  await open(request, progressModal(await inquiryOf(request, reference), request.actor.language));
}

/** R55.same-channel */
export async function openLetter(request: FormRequest, reference: string): Promise<void> {
  const inquiry = await inquiryOf(request, reference);
  await request.services.clientChannel.assertCanAnswer(request.actor.id, inquiry.id, 'letter');
  await open(request, letterModal(inquiry, request.actor.language));
}

/** R45.meetings: minutes of a planned meeting; a meeting already minuted says so instead of opening a form. */
export async function openMinutes(request: FormRequest, meetingId: string): Promise<void> {
  const meeting = await meetingIn(request, meetingId, 'planned');
  await open(request, minutesModal(meeting, await inquiryOf(request, meeting.inquiryId), request.actor.language));
}

/** R48.meeting-summary-2wd: the summary, refused before the form when it could not go out (R36 signature, no e-mail server). */
export async function openSummary(request: FormRequest, meetingId: string): Promise<void> {
  const meeting = await meetingIn(request, meetingId, 'held');
  await request.services.clientChannel.assertCanAnswer(request.actor.id, meeting.inquiryId, 'meeting_summary');
  await open(request, summaryModal(meeting, await inquiryOf(request, meeting.inquiryId), request.actor.language));
}

/** R24.other-institution: the decision on one pending step. */
export async function openDecision(request: FormRequest, inquiryId: string, stepId: string): Promise<void> {
  const { inquiry, externalSteps } = await request.services.queries.get(inquiryId);
  const step = externalSteps.find((candidate) => candidate.id === stepId);
  if (!step) throw new DomainError('EXTERNAL_STEP.NOT_FOUND', `External step ${stepId} was not found`, { stepId });
  if (step.status !== 'pending') throw new DomainError('EXTERNAL_STEP.INVALID_TRANSITION', `The step with ${step.institution} is already decided`);
  await open(request, decisionModal(step, inquiry, request.actor.language));
}

/** R31.callback: the reply-by-e-mail form, starting from the missed-call draft in the client's language. */
export async function openMissedCallEmail(request: FormRequest, inquiryId: string): Promise<void> {
  await request.services.messaging.assertCanSign(request.actor.id);
  const inquiry = await inquiryOf(request, inquiryId);
  const draft = await request.services.clientChannel.missedCallDraft(inquiry.id);
  await open(request, replyEmailModal(inquiry, request.actor.language, draft.text));
}

async function meetingIn(request: FormRequest, meetingId: string, status: Meeting['status']): Promise<Meeting> {
  const meeting = await request.services.meetings.get(meetingId);
  if (meeting.status !== status) throw new DomainError('MEETING.INVALID_TRANSITION', `The meeting is ${meeting.status}`, { status: meeting.status });
  return meeting;
}
