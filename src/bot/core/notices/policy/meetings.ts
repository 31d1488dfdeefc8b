import type { Meeting } from '../../../../domain/meeting.js';
import type { Fact } from '../notice.js';
import { audienceOf } from '../reachability.js';
import { deadlineMet } from './deadlines.js';
import { contactFacts, inThread, named, open, personOf, say, toPerson, type Rule } from './shapes.js';

/** R45.meetings: format, agenda, participants and the previous meeting's key points — on every platform (D11). */
function meetingFacts(meeting: Meeting | undefined): Fact[] {
  if (!meeting) return [];
  return [
    { label: { key: 'form.meeting.format' }, value: { key: `meeting_format.${meeting.format}` } },
    { label: { key: 'form.meeting.agenda' }, value: meeting.agenda },
    ...(meeting.participants.length > 0 ? [{ label: { key: 'form.meeting.participants' }, value: meeting.participants.join(', ') } as const] : []),
    ...(meeting.previousKeyPoints ? [{ label: { key: 'form.meeting.previous' }, value: meeting.previousKeyPoints } as const] : []),
  ];
}

/**
 * R45.meetings: the chair and the recorder learn of it, each once, with Record minutes for afterwards — and the
 * client's contacts, to confirm the time or invite them (a DM to the two people running it, never the channel).
 */
const meetingPlanned: Rule<'meeting_planned'> = (event, snapshot, { platform }) => {
  const meeting = snapshot.inquiry.meetings.find((candidate) => candidate.id === event.meetingId);
  const people = [personOf(snapshot, event.chairId), personOf(snapshot, event.recorderId)];
  return audienceOf(people, platform).map((person) =>
    toPerson(person, {
      id: 'meeting.planned',
      kind: 'workflow',
      text: say('notice.meeting_planned', { number: event.registryNumber, when: { at: event.startsAt }, chair: named(event.chairId), recorder: named(event.recorderId) }),
      facts: [...meetingFacts(meeting), ...contactFacts(snapshot.inquiry.inquiry)],
      actions: [{ do: 'form', form: 'record_minutes', inquiryId: event.inquiryId, targetId: event.meetingId }, open(event.inquiryId)],
    }),
  );
};

/** R48.meeting-summary-2wd: the recorder owes the client a summary within two working days. */
const meetingHeld: Rule<'meeting_held'> = (event, snapshot, { platform }) =>
  audienceOf([personOf(snapshot, event.recorderId)], platform).map((recorder) =>
    toPerson(recorder, {
      id: 'meeting.held',
      kind: 'workflow',
      text: say('notice.meeting_held', { number: event.registryNumber, due: { at: event.summaryDue } }),
      actions: [{ do: 'form', form: 'send_summary', inquiryId: event.inquiryId, targetId: event.meetingId, style: 'primary' }, open(event.inquiryId)],
    }),
  );

/**
 * R48.meeting-summary-2wd: the team sees the summary went out (thread); the chair and the recorder hear it too,
 * except whoever sent it — their form answered them (D12).
 */
const meetingSummarySent: Rule<'meeting_summary_sent'> = (event, snapshot, { platform }) => {
  const meeting = snapshot.inquiry.meetings.find((candidate) => candidate.id === event.meetingId);
  const told = meeting ? [meeting.chairId, meeting.recorderId].filter((id) => id !== event.actorId) : [];
  const text = say('notice.meeting_summary_sent', { number: event.registryNumber });
  // R48.meeting-summary-2wd: the recorder's reminder and the chair's overdue notice give way to it.
  const met = meeting ? deadlineMet(event, 'meeting_summary', [{ stage: 'reminder', person: personOf(snapshot, meeting.recorderId) }, { stage: 'overdue', person: personOf(snapshot, meeting.chairId) }], platform) : [];
  return [
    ...met,
    inThread(event.inquiryId, { id: 'meeting.summary_sent', text }),
    ...audienceOf(told.map((id) => personOf(snapshot, id)), platform).map((person) => toPerson(person, { id: 'meeting.summary_sent', text, actions: [open(event.inquiryId)] })),
  ];
};

export const meetingRules = { meeting_planned: meetingPlanned, meeting_held: meetingHeld, meeting_summary_sent: meetingSummarySent };
