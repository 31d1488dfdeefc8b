import { scheduleCallSchema } from '../../../domain/call-log.js';
import { DomainError } from '../../../domain/errors.js';
import { addExternalStepSchema, externalDecisionSchema } from '../../../domain/external-step.js';
import { MEETING_FORMATS, meetingMinutesSchema, planMeetingSchema, splitParticipants, type Meeting, type MeetingFormat } from '../../../domain/meeting.js';
import { fieldLimits, TEXT_LIMITS } from '../../../domain/validation.js';
import { translate } from '../i18n/index.js';
import { inquiryOf, requiredDate, text, toggled, type FormTarget, type FormUseCase } from './form-spec.js';
import { whenText } from './inquiry-forms.js';

const SCHEDULE = fieldLimits(scheduleCallSchema);
const MEETING = fieldLimits(planMeetingSchema);
const MINUTES = fieldLimits(meetingMinutesSchema);
const STEP = fieldLimits(addExternalStepSchema);
const DECISION = fieldLimits(externalDecisionSchema);

/** R45.meetings: up to 30 participants of 200 characters, typed one per line. */
const PARTICIPANTS_MAX = 6000;

/** A form about one meeting opens only in the meeting's right state: a minuted meeting is not minuted again (D25). */
function meetingIn(target: FormTarget, status: Meeting['status']): Meeting {
  const { meeting } = target;
  if (!meeting) throw new DomainError('MEETING.NOT_FOUND', 'The form names no meeting', { meetingId: '' });
  if (meeting.status !== status) throw new DomainError('MEETING.INVALID_TRANSITION', `The meeting is ${meeting.status}`, { status: meeting.status });
  return meeting;
}

/** R29.agreed-time: the owner is reminded shortly before the agreed time, with the history and this plan. */
export const scheduleCall: FormUseCase = {
  spec: {
    id: 'schedule_call',
    title: 'form.schedule.title',
    fields: [
      { id: 'at', label: 'form.schedule.at', kind: 'datetime', required: true },
      { id: 'plan', label: 'form.schedule.plan', kind: 'multiline', required: true, limit: SCHEDULE.plan },
    ],
  },
  async submit(services, { actor, language }, target, values) {
    const at = requiredDate(values, 'at');
    const inquiry = await services.calls.scheduleCall(inquiryOf(target).id, actor.id, { at, plan: text(values, 'plan') });
    return translate(language, 'reply.call_scheduled', { number: inquiry.registryNumber, when: whenText(services, language, at), lead: services.config.CALL_REMINDER_LEAD_MINUTES });
  },
};

/**
 * R45.meetings: format, time, a chair and a recorder agreed beforehand, the agenda and the previous key points; it
 * starts from the domain's draft, the planner as the chair. A joint meeting (R24.other-institution) adds the
 * institutions that decided to the draft's participants (D15).
 */
export const planMeeting: FormUseCase = {
  spec: {
    id: 'plan_meeting',
    title: 'form.meeting.title',
    fields: [
      { id: 'format', label: 'form.meeting.format', kind: 'choice', required: true, choices: MEETING_FORMATS.map((value) => ({ value, label: `meeting_format.${value}` as const })) },
      { id: 'startsAt', label: 'form.meeting.starts_at', kind: 'datetime', required: true },
      { id: 'chairId', label: 'form.meeting.chair', kind: 'staff', required: true },
      { id: 'recorderId', label: 'form.meeting.recorder', kind: 'staff', required: true },
      { id: 'agenda', label: 'form.meeting.agenda', kind: 'multiline', required: true, limit: MEETING.agenda },
      { id: 'participants', label: 'form.meeting.participants', kind: 'multiline', required: false, limit: { max: PARTICIPANTS_MAX } },
      { id: 'previousKeyPoints', label: 'form.meeting.previous', kind: 'multiline', required: false, limit: MEETING.previousKeyPoints },
    ],
  },
  async initial(services, { actor }, target, context) {
    const inquiry = inquiryOf(target);
    const draft = await services.meetings.draft(inquiry.id);
    const decided = context.prefill?.joint
      ? (await services.queries.get(inquiry.id)).externalSteps.filter((step) => step.status === 'decided').map((step) => step.institution)
      : [];
    return { format: 'in_person', chairId: actor.id, participants: [...new Set([...draft.participants, ...decided])].join('\n'), previousKeyPoints: draft.previousKeyPoints };
  },
  async submit(services, { actor, language }, target, values) {
    const inquiry = inquiryOf(target);
    const meeting = await services.meetings.plan(inquiry.id, actor.id, {
      format: text(values, 'format') as MeetingFormat,
      startsAt: requiredDate(values, 'startsAt'),
      chairId: text(values, 'chairId'),
      recorderId: text(values, 'recorderId'),
      agenda: text(values, 'agenda'),
      participants: splitParticipants(text(values, 'participants')),
      previousKeyPoints: text(values, 'previousKeyPoints'),
    });
    return translate(language, 'reply.meeting_planned', { number: inquiry.registryNumber, when: whenText(services, language, meeting.startsAt) });
  },
};

/** R45.meetings / R48.meeting-summary-2wd: the minutes of a planned meeting start the two working days the summary is due in. */
export const recordMinutes: FormUseCase = {
  spec: {
    id: 'record_minutes',
    title: 'form.minutes.title',
    fields: [
      { id: 'decisions', label: 'form.minutes.decisions', kind: 'multiline', required: true, limit: MINUTES.decisions },
      { id: 'keyPoints', label: 'form.minutes.key_points', kind: 'multiline', required: false, limit: MINUTES.keyPoints },
    ],
  },
  before: async (_services, _caller, target) => void meetingIn(target, 'planned'),
  async submit(services, { actor, language }, target, values) {
    const meeting = await services.meetings.recordMinutes(meetingIn(target, 'planned').id, actor.id, { decisions: text(values, 'decisions'), keyPoints: text(values, 'keyPoints') });
    return translate(language, 'reply.minutes_recorded', { number: inquiryOf(target).registryNumber, due: whenText(services, language, meeting.summaryDue!) });
  },
};

/**
 * R48.meeting-summary-2wd: the summary of a held meeting, starting from its decisions; e-mailed in the client's
 * language with the sender's signature, refused before the form when it could not go out (R36.signature).
 */
export const sendSummary: FormUseCase = {
  spec: {
    id: 'send_summary',
    title: 'form.summary.title',
    fields: [{ id: 'text', label: 'form.summary.text', kind: 'multiline', required: true, limit: { max: TEXT_LIMITS.summary } }],
    refusalField: 'text',
  },
  async before(services, { actor }, target) {
    const meeting = meetingIn(target, 'held');
    await services.clientChannel.assertCanAnswer(actor.id, meeting.inquiryId, 'meeting_summary');
  },
  initial: async (_services, _caller, target) => ({ text: target.meeting?.decisions ?? '' }),
  async submit(services, { actor, language }, target, values) {
    await services.clientChannel.sendMeetingSummary(meetingIn(target, 'held').id, actor.id, text(values, 'text'));
    return translate(language, 'reply.summary_sent', { number: inquiryOf(target).registryNumber });
  },
};

/** R24.other-institution: who decides, what we wait for, and by when; watched like a deadline. */
export const externalStep: FormUseCase = {
  spec: {
    id: 'external_step',
    title: 'form.step.title',
    shortTitle: 'slack.form.step_title',
    fields: [
      { id: 'institution', label: 'form.step.institution', kind: 'text', required: true, limit: STEP.institution },
      { id: 'what', label: 'form.step.what', kind: 'multiline', required: true, limit: STEP.what },
      { id: 'dueAt', label: 'form.step.due', kind: 'datetime', required: true },
    ],
  },
  async submit(services, { actor, language }, target, values) {
    const inquiry = inquiryOf(target);
    const step = await services.externalSteps.add(inquiry.id, actor.id, { institution: text(values, 'institution'), what: text(values, 'what'), dueAt: requiredDate(values, 'dueAt') });
    return translate(language, 'reply.step_added', { number: inquiry.registryNumber, institution: step.institution, due: whenText(services, language, step.dueAt) });
  },
};

/**
 * R24.other-institution: the decision on one pending step (a decided one is refused before the form opens, D25).
 * The notifier then offers to tell the client (R19.status) and, for a conflict, a joint meeting: that is the confirmation (D26).
 */
export const recordDecision: FormUseCase = {
  spec: {
    id: 'record_decision',
    title: 'form.decision.title',
    fields: [
      { id: 'decision', label: 'form.decision.decision', kind: 'multiline', required: true, limit: DECISION.decision },
      { id: 'conflictsWithOthers', label: 'form.decision.conflicts', kind: 'toggle', required: false },
    ],
  },
  async before(_services, _caller, { step }) {
    if (step && step.status !== 'pending') throw new DomainError('EXTERNAL_STEP.INVALID_TRANSITION', `The step with ${step.institution} is already decided`);
  },
  async submit(services, { actor }, { step }, values) {
    if (!step) throw new DomainError('EXTERNAL_STEP.NOT_FOUND', 'The form names no external step', { stepId: '' });
    await services.externalSteps.recordDecision(step.id, actor.id, { decision: text(values, 'decision'), conflictsWithOthers: toggled(values, 'conflictsWithOthers') });
    return null;
  },
};
