import { PROGRESS_STAGES } from '../../../domain/events.js';
import type { ExternalStep } from '../../../domain/external-step.js';
import type { Inquiry } from '../../../domain/inquiry.js';
import { MEETING_FORMATS, type Meeting } from '../../../domain/meeting.js';
import { translate, type Language, type MessageKey } from '../../core/i18n/index.js';
import type { ModalView } from './block-types.js';
import { checkbox, dateTime, modal, option, person, radio, select, textInput } from './form-parts.js';
import { CALLBACKS, TEXT_MAX } from './modals.js';
import { clip, inert, mrkdwn } from './text.js';

// The procedure's workflow forms; block ids are the domain fields they fill, so refusals land beside them.
// Titles fit Slack's 24 characters; a longer catalogue title has a short Slack one.

const words = (language: Language) => (key: MessageKey) => translate(language, key);
const about = (inquiry: Inquiry) => ({ inquiryId: inquiry.id, number: inquiry.registryNumber });

/** R29.agreed-time: the time agreed with the client and what the call is to cover. */
export function scheduleCallModal(inquiry: Inquiry, language: Language): ModalView {
  const t = words(language);
  return modal(CALLBACKS.scheduleCall, t('form.schedule.title'), [
    dateTime('at', t('form.schedule.at')),
    textInput('plan', t('form.schedule.plan'), { multiline: true, max: 2000 }),
  ], about(inquiry), language);
}

/** What the meeting form starts from: the last meeting's people and key points, and who plans it. */
export interface MeetingFormStart {
  inquiry: Inquiry;
  participants: string[];
  previousKeyPoints: string;
  /** The planner's Slack member id, offered as the chair. */
  chair: string | null;
}

/** R45.meetings: format, time, a chair and a recorder agreed beforehand, the agenda and the previous key points. */
export function meetingModal(start: MeetingFormStart, language: Language): ModalView {
  const t = words(language);
  return modal(CALLBACKS.planMeeting, t('form.meeting.title'), [
    select('format', t('form.meeting.format'), MEETING_FORMATS.map((format) => option(format, t(`meeting_format.${format}`))), language, { initial: 'in_person' }),
    dateTime('startsAt', t('form.meeting.starts_at')),
    person('chairId', t('form.meeting.chair'), language, { initial: start.chair }),
    person('recorderId', t('form.meeting.recorder'), language),
    textInput('agenda', t('form.meeting.agenda'), { multiline: true, max: TEXT_MAX }),
    textInput('participants', t('form.meeting.participants'), { multiline: true, optional: true, max: TEXT_MAX, initial: clip(start.participants.join('\n'), TEXT_MAX) }),
    textInput('previousKeyPoints', t('form.meeting.previous'), { multiline: true, optional: true, max: TEXT_MAX, initial: clip(start.previousKeyPoints, TEXT_MAX) }),
  ], about(start.inquiry), language);
}

/** R45.meetings: the decisions taken, and the key points to carry into the next meeting. */
export function minutesModal(meeting: Meeting, inquiry: Inquiry, language: Language): ModalView {
  const t = words(language);
  return modal(CALLBACKS.minutes, t('form.minutes.title'), [
    textInput('decisions', t('form.minutes.decisions'), { multiline: true, max: TEXT_MAX }),
    textInput('keyPoints', t('form.minutes.key_points'), { multiline: true, optional: true, max: TEXT_MAX }),
  ], { meetingId: meeting.id, number: inquiry.registryNumber }, language);
}

/** R48.meeting-summary-2wd: the summary to the client, starting from the meeting's decisions. */
export function summaryModal(meeting: Meeting, inquiry: Inquiry, language: Language): ModalView {
  return modal(CALLBACKS.summary, translate(language, 'form.summary.title'), [
    textInput('text', translate(language, 'form.summary.text'), { multiline: true, max: TEXT_MAX, initial: clip(meeting.decisions ?? '', TEXT_MAX) }),
  ], { meetingId: meeting.id, number: inquiry.registryNumber }, language);
}

/** R24.other-institution: who decides, what we wait for, and by when. */
export function externalStepModal(inquiry: Inquiry, language: Language): ModalView {
  const t = words(language);
  return modal(CALLBACKS.externalStep, t('slack.form.step_title'), [
    textInput('institution', t('form.step.institution'), { max: 200 }),
    textInput('what', t('form.step.what'), { multiline: true, max: 2000 }),
    dateTime('dueAt', t('form.step.due')),
  ], about(inquiry), language);
}

/** R24.other-institution: the institution's decision; a conflict with another one proposes a joint meeting. */
export function decisionModal(step: ExternalStep, inquiry: Inquiry, language: Language): ModalView {
  const t = words(language);
  return modal(CALLBACKS.decision, t('form.decision.title'), [
    { type: 'section', text: mrkdwn(`*${inert(step.institution)}*\n${inert(clip(step.what, 2000))}`) },
    textInput('decision', t('form.decision.decision'), { multiline: true, max: TEXT_MAX }),
    checkbox('conflictsWithOthers', t('form.decision.conflicts'), t('form.decision.conflicts')),
  ], { stepId: step.id, number: inquiry.registryNumber }, language);
}

/** R19.status: an intermediate result or a decision the client should know of. */
export function progressModal(inquiry: Inquiry, language: Language): ModalView {
  const t = words(language);
  return modal(CALLBACKS.progress, t('slack.form.progress_title'), [
    textInput('note', t('form.progress.note'), { multiline: true, max: TEXT_MAX }),
    radio('stage', t('form.progress.stage'), PROGRESS_STAGES.map((stage) => option(stage, t(`form.progress.${stage}`))), { initial: 'intermediate' }),
  ], about(inquiry), language);
}

/** R55.same-channel: a written answer; the printable letter adds the signature and the registry number. */
export function letterModal(inquiry: Inquiry, language: Language): ModalView {
  return modal(CALLBACKS.letter, translate(language, 'form.letter.title'), [
    textInput('text', translate(language, 'form.letter.text'), { multiline: true, max: TEXT_MAX }),
  ], about(inquiry), language);
}
