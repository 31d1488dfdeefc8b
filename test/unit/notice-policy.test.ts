import { noticesFor } from '../../src/bot/core/notices/index.js';
import type { Notice, NoticeAction, NoticeSnapshot, PlatformId, TextParam } from '../../src/bot/core/notices/notice.js';
import { audienceOf, onlyReachableOn, reachableAnywhere, reachableOn } from '../../src/bot/core/notices/reachability.js';
import type { Escalation, EscalationType } from '../../src/domain/escalation.js';
import type { EventOf, InquiryEvent, InquiryEventType } from '../../src/domain/events.js';
import type { Inquiry } from '../../src/domain/inquiry.js';
import type { Letter } from '../../src/domain/letter.js';
import type { Meeting } from '../../src/domain/meeting.js';
import type { StaffMember } from '../../src/domain/staff.js';

/*
 * The notice policy, evaluated purely: for each event, who on a platform is told what, with which buttons — and,
 * because a row lists every notice, that nobody else is. Rows mirror the contract table (plan §6.3); each row runs
 * on Slack and on Teams unless it is about a platform. Staff ids are cast names, so `dm:ona` reads as it is.
 * Drift D7 (`mine`) is a command, not a notice: it is not decided here.
 */

// ---- the cast: who has an account where, who is inactive, who manages whom (as test/contract/cast.ts) ----------------
type Name = 'vida' | 'ona' | 'jonas' | 'rasa' | 'petras' | 'ieva' | 'tomas' | 'simona' | 'marius' | 'giedrius' | 'karolis' | 'lukas' | 'ada' | 'aldona' | 'dalia' | 'dana';
const both = ['slack', 'teams'] as const;
const CAST: Record<Name, { on: readonly PlatformId[]; roles?: StaffMember['roles']; manager?: Name; active?: false }> = {
  vida: { on: both, roles: ['manager', 'representative'] },
  ona: { on: both, manager: 'vida' },
  jonas: { on: both, manager: 'vida' },
  rasa: { on: ['teams'], manager: 'vida' },
  petras: { on: ['slack'], manager: 'vida' },
  ieva: { on: both, manager: 'vida', active: false },
  tomas: { on: both, roles: ['manager'], active: false },
  simona: { on: both, manager: 'tomas' },
  marius: { on: ['teams'], roles: ['manager'] },
  giedrius: { on: both, manager: 'marius' },
  karolis: { on: ['slack'], roles: ['manager'] },
  lukas: { on: both, manager: 'karolis' },
  ada: { on: both, roles: ['admin', 'representative'] },
  aldona: { on: both, roles: ['admin'] },
  dalia: { on: both, roles: ['head'] },
  dana: { on: both, roles: ['head'] },
};
function member(name: Name): StaffMember {
  const { on, roles, manager, active } = CAST[name];
  return {
    id: name, firstName: name, surname: 'X', position: null, phone: null, email: `${name}@daigelis.lt`, language: 'lt',
    roles: roles ?? ['representative'], slackUserId: on.includes('slack') ? `U${name}` : null, teamsUserId: on.includes('teams') ? `aad-${name}` : null,
    managerId: manager ?? null, active: active ?? true,
  };
}
const STAFF = new Map((Object.keys(CAST) as Name[]).map((name) => [name, member(name)] as const));
const staff = (name: Name) => STAFF.get(name)!;

// ---- builders -------------------------------------------------------------------------------------------------------
const NUMBER = '2027-000042';
function inquiry(overrides: Partial<Inquiry> = {}): Inquiry {
  return {
    id: 'i1', registryNumber: NUMBER, kind: 'complaint', channel: 'email', externalId: null,
    client: { name: 'Giedrė', email: 'giedre@example.lt', phone: null, postalAddress: null, language: 'lt' },
    subject: 'Dėl   vietos\n darželyje', body: 'Laba diena', receivedAt: new Date('2027-03-01T09:00:00+02:00'),
    status: 'in_progress', ownerId: 'ona', firstReplyDue: new Date('2027-03-02T09:00:00+02:00'), firstReplyAt: null,
    statutoryDue: null, promisedBy: null, followUpDue: null, resolvedAt: null, closedAt: null,
    nextCall: null, missedCalls: 0, meetingSummaryDue: null, externalStepDue: null,
    ...overrides,
  };
}
const meeting: Meeting = {
  id: 'm1', inquiryId: 'i1', format: 'in_person', startsAt: new Date('2027-03-03T10:00:00+02:00'), chairId: 'vida', recorderId: 'ona',
  agenda: 'Vieta', participants: ['Mama'], previousKeyPoints: '', status: 'held', decisions: null, keyPoints: null, heldAt: null,
  summaryDue: new Date('2027-03-05T10:00:00+02:00'), summarySentAt: null, plannedById: 'ona',
};
const letter = (noteId: string | null): Letter => ({ id: 'l1', inquiryId: 'i1', authorId: 'ona', outgoingNumber: 'S-2026-000001', body: 'Tekstas', language: 'lt', createdAt: new Date(), noteId });
function escalation(raiser: Name, manager: Name | null, type: EscalationType = 'conflict'): NoticeSnapshot['escalation'] {
  const record: Escalation = {
    id: 'e1', inquiryId: 'i1', type, raisedById: raiser, managerId: manager, whatHappened: 'Nesutaria', clientToldWhat: type === 'conflict' ? 'Paskambinsime' : '',
    followUpAt: type === 'conflict' ? new Date('2027-03-02T11:00:00+02:00') : null, status: 'pending', raisedAt: new Date(), reportedToAuthorities: null, decisionNote: null,
  };
  return { escalation: record, inquiry: inquiry(), raisedBy: staff(raiser), manager: manager ? staff(manager) : null };
}

interface Given {
  inquiry?: Partial<Inquiry>;
  email?: boolean;
  meetings?: Meeting[];
  letters?: Letter[];
  escalation?: NoticeSnapshot['escalation'];
  timeline?: NoticeSnapshot['inquiry']['timeline'];
}
function snapshot(given: Given = {}): NoticeSnapshot {
  const current = inquiry(given.inquiry);
  return {
    capabilities: { email: given.email ?? true },
    inquiry: {
      inquiry: current, owner: current.ownerId ? (STAFF.get(current.ownerId as Name) ?? null) : null, timeline: given.timeline ?? [], escalations: [],
      meetings: given.meetings ?? [], letters: given.letters ?? [],
      externalSteps: [{ id: 's1', inquiryId: 'i1', institution: 'Savivaldybė', what: 'Leidimas', dueAt: new Date('2027-03-10T09:00:00Z'), status: 'pending', decision: null, decidedAt: null, createdById: 'ona' }],
    },
    escalation: given.escalation ?? null,
    people: STAFF,
    admins: [staff('ada'), staff('aldona')],
    heads: [staff('dalia'), staff('dana')],
    letterUrl: (id) => `http://localhost:3000/letters?id=${id}`,
  };
}

type Fields<T extends InquiryEventType> = Omit<EventOf<T>, 'type' | 'inquiryId' | 'registryNumber' | 'at' | 'actorId'> & { actorId?: string | null };
function event<T extends InquiryEventType>(type: T, fields: Fields<T>): InquiryEvent {
  return { inquiryId: 'i1', registryNumber: NUMBER, at: '2027-03-01T10:00:00Z', actorId: 'ona', type, ...fields } as unknown as InquiryEvent;
}
const call = { outcome: 'reached', summary: 'Aptarėme', clientExpectation: 'Vieta', alternativesOffered: '', risksExplained: 'Eilė', nextStep: 'Laiškas', nextStepDue: '2027-03-04T09:00:00Z', emailSummaryToClient: false, retryAt: null } as const;
const nextCall = (purpose: 'agreed' | 'retry' | 'inform') => ({ at: new Date('2027-03-01T11:00:00Z'), plan: 'Paaiškinti eilę', purpose });

// ---- how a notice reads in a row: `to mode textKey [actions] +notes` ------------------------------------------------
function actionName(action: NoticeAction): string {
  switch (action.do) {
    case 'open': return 'open';
    case 'verb': return action.verb;
    case 'form': return `form.${action.form}`;
    case 'escalation': return action.verb;
    case 'inform_client': return 'inform_client';
    case 'link': return 'link';
  }
}
function line(notice: Notice): string {
  const to = notice.audience.to === 'person' ? `dm:${notice.audience.staffId}` : notice.audience.to;
  const notes = (notice.notes ?? []).map((note) => ` +${note.key}`).join('');
  return `${to} ${notice.mode} ${notice.text.key} [${notice.actions.map(actionName).join(' ')}]${notes}`;
}
const read = (notices: readonly Notice[]) => notices.map(line);

interface Row {
  title: string;
  event: InquiryEvent;
  given?: Given;
  /** The platforms switched on; both by default. */
  platforms?: readonly PlatformId[];
  /** What each platform shows; one list for both when they agree. */
  expect: readonly string[] | Partial<Record<PlatformId, readonly string[]>>;
}
const CARD = 'announcement upsert card.title []';
/** R4.owner: the previous owner's nudges with an owner's button (reply and call reminders, overdue, step) each give way, where posted. */
const MOVED_ON = (who: Name, key: 'notice.deadline_moved.handed_over' | 'notice.deadline_moved.released') => Array<string>(5).fill(`dm:${who} update_only ${key} [open]`);

const rows: Row[] = [
  // Inquiry lifecycle
  ...(['registered', 'claimed', 'released', 'first_reply_sent', 'holding_reply_sent', 'waiting_on_client', 'resolved', 'closed', 'reopened'] as const).map((type): Row => ({
    title: `R4.owner / R15.register: ${type} → the card is upserted in the staff channel (D8); nobody is messaged${type === 'claimed' ? '; a "nobody has claimed it" nudge gives way to who did' : ''}`,
    event: event(type, { channel: 'email', kind: 'complaint', registeredById: null, ownerId: 'ona', previousOwnerId: 'ona', fromId: 'ona', toId: 'jonas', promisedBy: '2027-03-09T09:00:00Z', reason: 'Naujos aplinkybės' } as never),
    // R14.reply-1wd: a reply makes the owner's reminder and overdue DMs say so in place of Mark replied.
    expect: type === 'claimed' ? [CARD, 'channel update_only notice.unclaimed []']
      : type === 'first_reply_sent' ? [CARD, 'dm:ona update_only notice.deadline_met.first_reply [open]', 'dm:ona update_only notice.deadline_met.first_reply [open]']
      : type === 'released' ? [CARD, ...MOVED_ON('ona', 'notice.deadline_moved.released')] : [CARD],
  })),
  // Handover (R4.owner, issue #13 gap G1): both people and the thread are told; nobody else
  { title: 'R4.owner: vida hands ona’s inquiry to jonas → card, jonas’s DM with Open, ona told, a thread note; vida (who acted) not told', event: event('handed_over', { fromId: 'ona', toId: 'jonas', actorId: 'vida' }), expect: [CARD, ...MOVED_ON('ona', 'notice.deadline_moved.handed_over'), 'dm:jonas post notice.handed_over.to_you [open]', 'dm:ona post notice.handed_over.from_you []', 'thread post notice.handed_over.thread []'] },
  { title: 'R4.owner: ona hands her own inquiry to jonas → card, jonas’s DM and the thread; ona (who acted) not told', event: event('handed_over', { fromId: 'ona', toId: 'jonas', actorId: 'ona' }), expect: [CARD, ...MOVED_ON('ona', 'notice.deadline_moved.handed_over'), 'dm:jonas post notice.handed_over.to_you [open]', 'thread post notice.handed_over.thread []'] },
  { title: 'R4.owner: vida takes ona’s inquiry over herself → card, ona told, the thread; vida not told', event: event('handed_over', { fromId: 'ona', toId: 'vida', actorId: 'vida' }), expect: [CARD, ...MOVED_ON('ona', 'notice.deadline_moved.handed_over'), 'dm:ona post notice.handed_over.from_you []', 'thread post notice.handed_over.thread []'] },
  { title: 'R4.owner: vida assigns an unowned inquiry to rasa (Teams only) → Teams DMs rasa; both threads say who was assigned', event: event('handed_over', { fromId: null, toId: 'rasa', actorId: 'vida' }), expect: { slack: [CARD, 'thread post notice.handed_over.assigned []'], teams: [CARD, 'dm:rasa post notice.handed_over.to_you [open]', 'thread post notice.handed_over.assigned []'] } },
  { title: 'R4.owner (D1): handed to inactive ieva → nobody DMed but ona; the thread still says so', event: event('handed_over', { fromId: 'ona', toId: 'ieva', actorId: 'vida' }), expect: [CARD, ...MOVED_ON('ona', 'notice.deadline_moved.handed_over'), 'dm:ona post notice.handed_over.from_you []', 'thread post notice.handed_over.thread []'] },
  { title: 'R54.escalate-unresolved: a take-over of an escalation → the card, and ona’s nudges give way (escalation_taken_over tells the raiser)', event: event('handed_over', { fromId: 'ona', toId: 'vida', actorId: 'vida', escalationId: 'e1' }), expect: [CARD, ...MOVED_ON('ona', 'notice.deadline_moved.handed_over')] },
  // Stalls (issue #13): still overdue → the owner's direct manager; still unclaimed → the manager on duty
  { title: 'R14.reply-1wd / R4.owner: still overdue → vida (ona’s manager) DMed with Take over, Hand over, Open; ona, the thread and the channel not told', event: event('overdue_escalated', { deadline: 'first_reply', dueAt: '2027-03-02T07:00:00Z', ownerId: 'ona', managerId: 'vida', actorId: null }), expect: ['dm:vida repost notice.overdue_escalated.first_reply [take_over form.hand_over open]'] },
  { title: 'R59.statutory / R4.owner: a resolution still overdue → its own words to the manager', event: event('overdue_escalated', { deadline: 'resolution', dueAt: '2027-03-20T07:00:00Z', ownerId: 'ona', managerId: 'vida', actorId: null }), expect: ['dm:vida repost notice.overdue_escalated.resolution [take_over form.hand_over open]'] },
  { title: 'R4.owner (D1): simona’s manager tomas is inactive → the admins, with Hand over; tomas and simona not told', event: event('overdue_escalated', { deadline: 'first_reply', dueAt: '2027-03-02T07:00:00Z', ownerId: 'simona', managerId: 'tomas', actorId: null }), expect: ['dm:ada repost notice.overdue_escalated.no_manager [form.hand_over open]', 'dm:aldona repost notice.overdue_escalated.no_manager [form.hand_over open]'] },
  { title: 'R4.owner: an owner without a manager → the admins', event: event('overdue_escalated', { deadline: 'first_reply', dueAt: '2027-03-02T07:00:00Z', ownerId: 'ada', managerId: null, actorId: null }), expect: ['dm:ada repost notice.overdue_escalated.no_manager [form.hand_over open]', 'dm:aldona repost notice.overdue_escalated.no_manager [form.hand_over open]'] },
  { title: 'R4.owner (D18): giedrius’s manager marius is on Teams only → Teams tells him; Slack tells nobody', event: event('overdue_escalated', { deadline: 'first_reply', dueAt: '2027-03-02T07:00:00Z', ownerId: 'giedrius', managerId: 'marius', actorId: null }), expect: { slack: [], teams: ['dm:marius repost notice.overdue_escalated.first_reply [take_over form.hand_over open]'] } },
  { title: 'R4.owner: still unclaimed → the manager on duty (vida) with Claim, Hand over, Open; the channel and others not told', event: event('unclaimed_escalated', { dueAt: '2027-03-01T10:00:00Z', managerIds: ['vida'], actorId: null }), given: { inquiry: { ownerId: null, status: 'new' } }, expect: ['dm:vida repost notice.unclaimed_escalated [claim form.hand_over open]'] },
  { title: 'R4.owner: no manager on duty set → every active manager this platform reaches (tomas inactive: not told)', event: event('unclaimed_escalated', { dueAt: '2027-03-01T10:00:00Z', managerIds: ['karolis', 'marius', 'tomas', 'vida'], actorId: null }), given: { inquiry: { ownerId: null, status: 'new' } }, expect: { slack: ['dm:karolis repost notice.unclaimed_escalated [claim form.hand_over open]', 'dm:vida repost notice.unclaimed_escalated [claim form.hand_over open]'], teams: ['dm:marius repost notice.unclaimed_escalated [claim form.hand_over open]', 'dm:vida repost notice.unclaimed_escalated [claim form.hand_over open]'] } },
  { title: 'R4.owner (D1): the only manager named is inactive → the admins', event: event('unclaimed_escalated', { dueAt: '2027-03-01T10:00:00Z', managerIds: ['tomas'], actorId: null }), given: { inquiry: { ownerId: null, status: 'new' } }, expect: ['dm:ada repost notice.unclaimed_escalated [claim form.hand_over open]', 'dm:aldona repost notice.unclaimed_escalated [claim form.hand_over open]'] },
  // Calls
  { title: 'R44.call-notes: a logged call → card + internal call note in the thread; no new DM (the call reminder, if any, gives way)', event: event('call_logged', { call, attempt: 1 }), expect: [CARD, 'dm:ona update_only notice.deadline_met.call [open]', 'thread post notice.call_logged []'] },
  { title: 'R29.agreed-time: the owner schedules an agreed call → a thread note only (D10)', event: event('call_scheduled', { callAt: '2027-03-01T11:00:00Z', plan: 'Planas', purpose: 'agreed' }), expect: ['thread post notice.call_scheduled.agreed []'] },
  { title: 'R31.callback: a retry is scheduled → the retry note in the thread', event: event('call_scheduled', { callAt: '2027-03-01T11:00:00Z', plan: 'Planas', purpose: 'retry' }), expect: ['thread post notice.call_scheduled.retry []'] },
  { title: 'R19.status: an "inform" call → its own note in the thread', event: event('call_scheduled', { callAt: '2027-03-01T11:00:00Z', plan: '', purpose: 'inform' }), expect: ['thread post notice.call_scheduled.inform []'] },
  { title: 'R29.agreed-time: vida schedules a call on ona’s inquiry → thread + ona’s DM (D10)', event: event('call_scheduled', { callAt: '2027-03-01T11:00:00Z', plan: 'Planas', purpose: 'agreed', actorId: 'vida' }), expect: ['thread post notice.call_scheduled.agreed []', 'dm:ona post notice.call_scheduled.agreed [open]'] },
  { title: 'R31.callback: the retry failed, client has e-mail → ona gets the draft e-mail form', event: event('callback_failed', { attempts: 2, ownerId: 'ona' }), expect: ['dm:ona post notice.callback_failed [form.reply_email open]'] },
  { title: 'R31.callback (D5): the retry failed, client has no e-mail → letter and schedule-call, the text says so', event: event('callback_failed', { attempts: 2, ownerId: 'ona' }), given: { inquiry: { client: { name: 'G', email: null, phone: '+370600', postalAddress: null, language: 'lt' } } }, expect: ['dm:ona post notice.callback_failed.no_email [form.write_letter form.schedule_call open]'] },
  { title: 'R31.callback (D5): e-mail not set up here → letter and schedule-call, the text says why', event: event('callback_failed', { attempts: 2, ownerId: 'ona' }), given: { email: false }, expect: ['dm:ona post notice.callback_failed.no_mailer [form.write_letter form.schedule_call open]'] },
  { title: 'R31.callback (D1): the owner ieva is inactive → nobody', event: event('callback_failed', { attempts: 2, ownerId: 'ieva' }), expect: [] },
  // Deadlines
  { title: 'R14.reply-1wd: reply reminder → ona’s DM with Mark replied and Open; nobody else', event: event('reminder_due', { deadline: 'first_reply', dueAt: '2027-03-02T07:00:00Z', recipientId: 'ona' }), expect: ['dm:ona repost notice.reminder.first_reply [mark_replied open]'] },
  { title: 'R14.reply-1wd: a reply already marked is not offered again', event: event('reminder_due', { deadline: 'first_reply', dueAt: '2027-03-02T07:00:00Z', recipientId: 'ona' }), given: { inquiry: { firstReplyAt: new Date() } }, expect: ['dm:ona repost notice.reminder.first_reply [open]'] },
  { title: 'R14.reply-1wd: at the deadline → card, ona’s DM and the thread', event: event('overdue', { deadline: 'first_reply', dueAt: '2027-03-02T07:00:00Z', recipientId: 'ona' }), expect: [CARD, 'dm:ona repost notice.overdue.first_reply [mark_replied open]', 'thread post notice.overdue.first_reply []'] },
  { title: 'R4.owner: the claim window has no reminder', event: event('reminder_due', { deadline: 'claim', dueAt: '2027-03-01T10:00:00Z', recipientId: null }), expect: [] },
  { title: 'R4.owner: nobody claimed it → card + a keyed nudge in the channel itself with Claim and Open; no DM', event: event('overdue', { deadline: 'claim', dueAt: '2027-03-01T10:00:00Z', recipientId: null }), expect: [CARD, 'channel upsert notice.unclaimed [claim open]'] },
  { title: 'R14.reply-1wd (D1): a reminder for inactive ieva reaches nobody', event: event('reminder_due', { deadline: 'first_reply', dueAt: '2027-03-02T07:00:00Z', recipientId: 'ieva' }), expect: [] },
  { title: 'R14.reply-1wd (D1): overdue for inactive ieva → card and thread only', event: event('overdue', { deadline: 'resolution', dueAt: '2027-03-20T07:00:00Z', recipientId: 'ieva' }), expect: [CARD, 'thread post notice.overdue.resolution []'] },
  { title: 'R14.reply-1wd: rasa (Teams only) is reminded on Teams; Slack stays silent', event: event('reminder_due', { deadline: 'first_reply', dueAt: '2027-03-02T07:00:00Z', recipientId: 'rasa' }), expect: { slack: [], teams: ['dm:rasa repost notice.reminder.first_reply [mark_replied open]'] } },
  { title: 'R29.agreed-time / R31.callback (D4): a retry call reminder says it is a retry (isRetryCall)', event: event('reminder_due', { deadline: 'call', dueAt: '2027-03-01T11:00:00Z', recipientId: 'ona' }), given: { inquiry: { nextCall: nextCall('retry'), missedCalls: 1 } }, expect: ['dm:ona repost notice.reminder.call [form.log_call open] +notice.call.retry'] },
  { title: 'R31.callback (D4): a leftover retry plan after a reached call is no retry', event: event('reminder_due', { deadline: 'call', dueAt: '2027-03-01T11:00:00Z', recipientId: 'ona' }), given: { inquiry: { nextCall: nextCall('retry'), missedCalls: 0 } }, expect: ['dm:ona repost notice.reminder.call [form.log_call open]'] },
  { title: 'R19.status (D4): an "inform" call reminder has no retry line', event: event('reminder_due', { deadline: 'call', dueAt: '2027-03-01T11:00:00Z', recipientId: 'ona' }), given: { inquiry: { nextCall: nextCall('inform'), missedCalls: 1 } }, expect: ['dm:ona repost notice.reminder.call [form.log_call open]'] },
  { title: 'R48.meeting-summary-2wd: the recorder is reminded with Send summary', event: event('reminder_due', { deadline: 'meeting_summary', dueAt: meeting.summaryDue!.toISOString(), recipientId: 'ona' }), given: { meetings: [meeting] }, expect: ['dm:ona repost notice.reminder.meeting_summary [form.send_summary open]'] },
  { title: 'R24.other-institution: the owner is reminded of the step with Record decision', event: event('reminder_due', { deadline: 'external_step', dueAt: '2027-03-10T09:00:00Z', recipientId: 'ona' }), expect: ['dm:ona repost notice.reminder.external_step [form.record_decision open]'] },
  // Meetings
  { title: 'R45.meetings: chair vida and recorder ona each get the meeting with Record minutes', event: event('meeting_planned', { meetingId: 'm1', startsAt: '2027-03-03T08:00:00Z', format: 'in_person', chairId: 'vida', recorderId: 'ona' }), given: { meetings: [meeting] }, expect: ['dm:vida post notice.meeting_planned [form.record_minutes open]', 'dm:ona post notice.meeting_planned [form.record_minutes open]'] },
  { title: 'R48.meeting-summary-2wd: minutes recorded → the recorder is asked for the summary', event: event('meeting_held', { meetingId: 'm1', summaryDue: '2027-03-05T08:00:00Z', recorderId: 'ona', chairId: 'vida' }), expect: ['dm:ona post notice.meeting_held [form.send_summary open]'] },
  { title: 'R48.meeting-summary-2wd: ona sends the summary → the thread and chair vida (D12)', event: event('meeting_summary_sent', { meetingId: 'm1', via: 'email' }), given: { meetings: [meeting] }, expect: ['dm:ona update_only notice.deadline_met.meeting_summary [open]', 'dm:vida update_only notice.deadline_met.meeting_summary [open]', 'thread post notice.meeting_summary_sent []', 'dm:vida post notice.meeting_summary_sent [open]'] },
  // External steps and status notes
  { title: 'R24.other-institution: the owner adds a step → the thread only (D13)', event: event('external_step_added', { stepId: 's1', institution: 'Savivaldybė', what: 'Leidimas', dueAt: '2027-03-10T09:00:00Z' }), expect: ['thread post reply.step_added []'] },
  { title: 'R24.other-institution: vida adds a step on ona’s inquiry → thread + ona with Record decision (D13)', event: event('external_step_added', { stepId: 's1', institution: 'Savivaldybė', what: 'Leidimas', dueAt: '2027-03-10T09:00:00Z', actorId: 'vida' }), expect: ['thread post reply.step_added []', 'dm:ona post reply.step_added [form.record_decision open]'] },
  { title: 'R24.other-institution / R19.status: a decision recorded → its recorder is offered to inform the client', event: event('external_decision_recorded', { stepId: 's1', noteId: 'n1', institution: 'Savivaldybė', decision: 'Leista' }), expect: ['dm:ona update_only notice.deadline_met.external_step [open]', 'dm:ona update_only notice.deadline_met.external_step [open]', 'dm:ona post notice.progress_offer [inform_client open]'] },
  { title: 'R24.other-institution: conflicting decisions → the owner is offered a joint meeting', event: event('external_decisions_conflict', { institutions: ['A', 'B'], ownerId: 'ona' }), expect: ['dm:ona post notice.external_conflict [form.plan_meeting open]'] },
  { title: 'R19.status: progress recorded → its recorder is offered to inform the client', event: event('progress_recorded', { noteId: 'n1', note: 'Svarstoma', stage: 'intermediate' }), expect: ['dm:ona post notice.progress_offer [inform_client open]'] },
  { title: 'R19.status: the owner informed the client → the thread only (D16)', event: event('client_informed', { noteId: 'n1', via: 'email' }), expect: ['thread post notice.client_informed []'] },
  { title: 'R19.status: vida informed ona’s client → thread + ona (D16)', event: event('client_informed', { noteId: 'n1', via: 'letter', actorId: 'vida' }), expect: ['thread post notice.client_informed []', 'dm:ona post notice.client_informed [open]'] },
  { title: 'R55.same-channel: a letter from the form → its author gets the printable link, once (D17)', event: event('letter_issued', { letterId: 'l1' }), given: { letters: [letter(null)] }, expect: ['dm:ona post reply.letter_issued [link open]'] },
  { title: 'R55.same-channel / R19.status (D6): a letter from "Inform the client" → silent; the click showed the link', event: event('letter_issued', { letterId: 'l1' }), given: { letters: [letter('n1')] }, expect: [] },
  // Escalations
  { title: 'R54.escalate-unresolved: ona raises a conflict → vida’s DM, keyed, with Acknowledge, Take over, Open; ona not told', event: event('escalated', { escalationId: 'e1', escalationType: 'conflict', managerId: 'vida', followUpAt: null }), given: { escalation: escalation('ona', 'vida') }, expect: ['dm:vida upsert notice.escalated.conflict [acknowledge take_over open]'] },
  { title: 'R58.incident: an incident adds Refer to head', event: event('escalated', { escalationId: 'e1', escalationType: 'incident', managerId: 'vida', followUpAt: null }), given: { escalation: escalation('ona', 'vida', 'incident') }, expect: ['dm:vida upsert notice.escalated.incident [acknowledge take_over refer_to_head open]'] },
  { title: 'R54.escalate-unresolved (D3): ada (admin, no manager) → told once as the raiser; aldona asked to set one', event: event('escalated', { escalationId: 'e1', escalationType: 'incident', managerId: null, followUpAt: null, actorId: 'ada' }), given: { escalation: escalation('ada', null, 'incident') }, expect: ['dm:ada post notice.escalation.no_manager []', 'dm:aldona post notice.escalation.no_manager_admin []'] },
  { title: 'R58.incident (D1): simona’s manager tomas is inactive → simona and the admins; tomas nothing', event: event('escalated', { escalationId: 'e1', escalationType: 'incident', managerId: 'tomas', followUpAt: null, actorId: 'simona' }), given: { escalation: escalation('simona', 'tomas', 'incident') }, expect: ['dm:simona post notice.escalation.no_manager []', 'dm:ada post notice.escalation.no_manager_admin []', 'dm:aldona post notice.escalation.no_manager_admin []'] },
  { title: 'R54.escalate-unresolved (D18): marius is on Teams only → Teams tells him; Slack tells nobody', event: event('escalated', { escalationId: 'e1', escalationType: 'conflict', managerId: 'marius', followUpAt: null, actorId: 'giedrius' }), given: { escalation: escalation('giedrius', 'marius') }, expect: { slack: [], teams: ['dm:marius upsert notice.escalated.conflict [acknowledge take_over open]'] } },
  { title: 'R54.escalate-unresolved: a Slack-only app and marius has no Slack account → giedrius and the admins', platforms: ['slack'], event: event('escalated', { escalationId: 'e1', escalationType: 'conflict', managerId: 'marius', followUpAt: null, actorId: 'giedrius' }), given: { escalation: escalation('giedrius', 'marius') }, expect: { slack: ['dm:giedrius post notice.escalation.no_manager []', 'dm:ada post notice.escalation.no_manager_admin []', 'dm:aldona post notice.escalation.no_manager_admin []'] } },
  { title: 'R54.escalate-unresolved (D19): vida acknowledges → her DM shows it in place; ona is told', event: event('escalation_acknowledged', { escalationId: 'e1', actorId: 'vida' }), given: { escalation: escalation('ona', 'vida') }, expect: ['dm:vida update_only notice.escalated.conflict []', 'dm:ona post notice.escalation.acknowledged []'] },
  { title: 'R54.escalate-unresolved (D2): vida takes over → card, her DM in place, and ona is told', event: event('escalation_taken_over', { escalationId: 'e1', managerId: 'vida', actorId: 'vida' }), given: { escalation: escalation('ona', 'vida') }, expect: [CARD, 'dm:vida update_only notice.escalated.conflict []', 'dm:ona post notice.escalation.taken_over []'] },
  { title: 'R58.incident (D20): vida refers → her DM in place; each head a keyed Report / Do not report', event: event('escalation_referred', { escalationId: 'e1', headIds: ['dalia', 'dana'], actorId: 'vida' }), given: { escalation: escalation('ona', 'vida', 'incident') }, expect: ['dm:vida update_only notice.escalated.incident []', 'dm:dalia upsert notice.escalation.referred [report do_not_report open]', 'dm:dana upsert notice.escalation.referred [report do_not_report open]'] },
  { title: 'R58.incident (D21): dalia decides → both heads’ DMs give way; vida and ona are told', event: event('escalation_decided', { escalationId: 'e1', reportToAuthorities: true, note: '', actorId: 'dalia' }), given: { escalation: escalation('ona', 'vida', 'incident') }, expect: ['dm:dalia update_only notice.escalation.referred []', 'dm:dana update_only notice.escalation.referred []', 'dm:vida post notice.escalation.decided.report []', 'dm:ona post notice.escalation.decided.report []'] },
  // Client mail
  { title: 'R4.owner: the client writes, ona owns it → ona’s DM; no thread', event: event('client_message_received', { clientMessageId: 'c1', ownerId: 'ona', actorId: null }), expect: ['dm:ona post notice.client_message [open]'] },
  { title: 'R4.owner: the client writes, nobody owns it → the thread', event: event('client_message_received', { clientMessageId: 'c1', ownerId: null, actorId: null }), given: { inquiry: { ownerId: null } }, expect: ['thread post notice.client_message [open]'] },
  { title: 'R4.owner (D1, D22): the owner ieva is inactive → the thread; ieva nothing', event: event('client_message_received', { clientMessageId: 'c1', ownerId: 'ieva', actorId: null }), expect: ['thread post notice.client_message [open]'] },
  { title: 'R4.owner (D22): an owner id the directory does not know → the thread', event: event('client_message_received', { clientMessageId: 'c1', ownerId: 'gone', actorId: null }), expect: ['thread post notice.client_message [open]'] },
  { title: 'R4.owner: rasa (Teams only) owns it → Teams DMs her; Slack stays silent', event: event('client_message_received', { clientMessageId: 'c1', ownerId: 'rasa', actorId: null }), expect: { slack: [], teams: ['dm:rasa post notice.client_message [open]'] } },
  { title: 'R4.owner: an e-mail to the client failed → its sender', event: event('email_failed', { emailId: 'x', purpose: 'reply', reason: 'refused', recipientId: 'ona' }), expect: ['dm:ona post notice.email_failed [open]'] },
  { title: 'R4.owner (D1): the sender ieva is inactive → nobody', event: event('email_failed', { emailId: 'x', purpose: 'reply', reason: 'refused', recipientId: 'ieva' }), expect: [] },
  { title: 'R12.records: deadline bookkeeping is no news', event: event('deadlines_changed', { schedule: {} }), expect: [] },
  { title: 'R12.records: an e-mail queued is no news', event: event('email_requested', { emailId: 'x', purpose: 'reply' }), expect: [] },
  { title: 'R12.records: an e-mail sent as it should is no news', event: event('email_sent', { emailId: 'x', purpose: 'reply' }), expect: [] },
  // R60.external: client ratings — never the channel; 1–2 to the owner's direct manager alone; the comment nowhere.
  { title: 'R60.external: asking the client to rate is no news', event: event('rating_requested', { ratingId: 'r1', channel: 'email', actorId: null }), expect: [] },
  { title: 'R60.external: a score of 2 → ona’s manager vida alone, Acknowledge and Open', event: event('rated', { ratingId: 'r1', score: 2, channel: 'email', comment: 'Per vėlai', ownerId: 'ona', managerId: 'vida', actorId: null }), given: { inquiry: { status: 'resolved' } }, expect: ['dm:vida upsert notice.rated.low [acknowledge_rating open]'] },
  { title: 'R60.external: a score of 4 → nobody', event: event('rated', { ratingId: 'r1', score: 4, channel: 'staff', comment: 'Gerai', ownerId: 'ona', managerId: null }), given: { inquiry: { status: 'resolved' } }, expect: [] },
  { title: 'R60.external: a score of 1 whose manager rasa is on Teams only → Teams DMs her; Slack stays silent', event: event('rated', { ratingId: 'r1', score: 1, channel: 'staff', comment: null, ownerId: 'ona', managerId: 'rasa' }), expect: { slack: [], teams: ['dm:rasa upsert notice.rated.low [acknowledge_rating open]'] } },
  { title: 'R60.external (D1): the manager tomas is inactive → nobody, not the channel instead', event: event('rated', { ratingId: 'r1', score: 1, channel: 'staff', comment: null, ownerId: 'simona', managerId: 'tomas' }), expect: [] },
  { title: 'R60.external: vida acknowledges → her DM shows it in place of the buttons; nobody else', event: event('rating_acknowledged', { ratingId: 'r1', managerId: 'vida', score: 2, actorId: 'vida' }), expect: ['dm:vida update_only notice.rated.low []'] },
  { title: 'R60.external: a voided request is no news', event: event('rating_voided', { ratingId: 'r1', reason: 'reopened', actorId: null }), expect: [] },
  { title: 'R12.records (issue #15): anonymised → every kept copy is edited to the number and state, no buttons; nobody is told anew', event: event('anonymised', { actorId: null }), expect: ['every_copy update_only notice.anonymised []'] },
];

const cases = rows.flatMap((row) => (row.platforms ?? both).map((platform) => [`${row.title} [${platform}]`, row, platform] as const));

describe('notice policy: who is told what, and nobody else', () => {
  it.each(cases)('%s', (_title, row, platform) => {
    const expected = Array.isArray(row.expect) ? row.expect : (row.expect as Partial<Record<PlatformId, readonly string[]>>)[platform];
    expect(read(noticesFor(row.event, snapshot(row.given), { platform, platforms: row.platforms ?? both }))).toEqual(expected);
  });

  it('has at least one row for every event type', () => {
    const types = { registered: 0, claimed: 0, released: 0, handed_over: 0, first_reply_sent: 0, holding_reply_sent: 0, waiting_on_client: 0, resolved: 0, closed: 0, reopened: 0, call_logged: 0, call_scheduled: 0, callback_failed: 0, meeting_planned: 0, meeting_held: 0, meeting_summary_sent: 0, external_step_added: 0, external_decision_recorded: 0, external_decisions_conflict: 0, progress_recorded: 0, client_informed: 0, letter_issued: 0, escalated: 0, escalation_acknowledged: 0, escalation_taken_over: 0, escalation_referred: 0, escalation_decided: 0, deadlines_changed: 0, reminder_due: 0, overdue: 0, overdue_escalated: 0, unclaimed_escalated: 0, client_message_received: 0, email_requested: 0, email_sent: 0, email_failed: 0, rating_requested: 0, rated: 0, rating_voided: 0, rating_acknowledged: 0, anonymised: 0 } satisfies Record<InquiryEventType, 0>;
    expect(Object.keys(types).filter((type) => !rows.some((row) => row.event.type === type))).toEqual([]);
  });
});

describe('notice policy: what the notices carry', () => {
  const on = { platform: 'slack', platforms: both } as const;
  const only = (notices: readonly Notice[], id: string) => notices.find((notice) => notice.id === id)!;

  it('R54.escalate-unresolved / R58.incident: a manager whose only platform refuses the DM → the raiser and the admins instead (fallback)', () => {
    const [card] = noticesFor(event('escalated', { escalationId: 'e1', escalationType: 'incident', managerId: 'karolis', followUpAt: null, actorId: 'lukas' }), snapshot({ escalation: escalation('lukas', 'karolis', 'incident') }), on);
    expect(line(card!)).toBe('dm:karolis upsert notice.escalated.incident [acknowledge take_over refer_to_head open]');
    expect(read(card!.fallback ?? [])).toEqual(['dm:lukas post notice.escalation.no_manager []', 'dm:ada post notice.escalation.no_manager_admin []', 'dm:aldona post notice.escalation.no_manager_admin []']);
    // A manager Teams reaches too is not missing when Slack refuses: no fallback (D18).
    expect(noticesFor(event('escalated', { escalationId: 'e1', escalationType: 'conflict', managerId: 'vida', followUpAt: null }), snapshot({ escalation: escalation('ona', 'vida') }), on)[0]!.fallback).toBeUndefined();
  });

  it('R54.escalate-unresolved (D19, D2): later steps update the manager’s keyed DM, with the outcome instead of buttons', () => {
    const notices = noticesFor(event('escalation_taken_over', { escalationId: 'e1', managerId: 'vida', actorId: 'vida' }), snapshot({ escalation: escalation('ona', 'vida') }), on);
    const dm = only(notices, 'escalation.to_manager');
    expect(dm.updateKey).toEqual({ kind: 'escalation', escalationId: 'e1' });
    expect(dm.outcome).toEqual({ key: 'notice.escalation.taken_over', params: { manager: { person: 'vida' }, number: NUMBER } });
  });

  it('R58.incident (D20, D21): each head’s decision DM is keyed by escalation and head', () => {
    const notices = noticesFor(event('escalation_referred', { escalationId: 'e1', headIds: ['dalia'], actorId: 'vida' }), snapshot({ escalation: escalation('ona', 'vida', 'incident') }), on);
    expect(only(notices, 'escalation.head_decision').updateKey).toEqual({ kind: 'head_decision', escalationId: 'e1', headId: 'dalia' });
  });

  it('R4.owner (D22): a client’s message to an owner reached only here falls back to the thread if refused', () => {
    const [dm] = noticesFor(event('client_message_received', { clientMessageId: 'c1', ownerId: 'petras', actorId: null }), snapshot(), on);
    expect(read(dm!.fallback ?? [])).toEqual(['thread post notice.client_message [open]']);
    expect(dm!.text.params).toEqual({ number: NUMBER, excerpt: 'Dėl vietos darželyje' });
  });

  it('R44.call-notes (D9): the call note carries every filled fact, each internal (R35.no-internal)', () => {
    const note = only(noticesFor(event('call_logged', { call, attempt: 1 }), snapshot(), on), 'call.note');
    expect(note.tone).toBe('internal');
    expect(note.facts).toEqual([
      { label: { key: 'form.call.expectation' }, value: 'Vieta', internal: true },
      { label: { key: 'form.call.risks' }, value: 'Eilė', internal: true },
      { label: { key: 'form.call.next_step' }, value: 'Laiškas', internal: true },
      { label: { key: 'form.call.next_step_due' }, value: { at: '2027-03-04T09:00:00Z' }, internal: true },
    ]);
  });

  it('R31.callback (D5): the missed-call draft opens the reply form with the draft', () => {
    const [dm] = noticesFor(event('callback_failed', { attempts: 2, ownerId: 'ona' }), snapshot(), on);
    expect(dm!.actions[0]).toEqual({ do: 'form', form: 'reply_email', inquiryId: 'i1', prefill: { draft: 'missed_call' }, style: 'primary' });
  });

  it('R45.meetings (D11): the meeting notice carries format, agenda and participants on every platform', () => {
    const [dm] = noticesFor(event('meeting_planned', { meetingId: 'm1', startsAt: '2027-03-03T08:00:00Z', format: 'in_person', chairId: 'vida', recorderId: 'ona' }), snapshot({ meetings: [meeting] }), on);
    expect(dm!.facts.map((fact) => fact.label)).toEqual([{ key: 'form.meeting.format' }, { key: 'form.meeting.agenda' }, { key: 'form.meeting.participants' }, { key: 'card.email' }]);
  });

  it('R24.other-institution (D14, D15): the decision fact names its institution; the joint meeting starts from the joint draft', () => {
    const offer = only(noticesFor(event('external_decision_recorded', { stepId: 's1', noteId: 'n1', institution: 'Savivaldybė', decision: 'Leista' }), snapshot(), on), 'status.offer');
    expect(offer!.facts).toEqual([{ label: 'Savivaldybė', value: 'Leista' }]);
    expect(offer!.text.params).toEqual({ number: NUMBER, via: { key: 'answer.email' } } satisfies Record<string, TextParam>);
    const [conflict] = noticesFor(event('external_decisions_conflict', { institutions: ['A', 'B'], ownerId: 'ona' }), snapshot(), on);
    expect(conflict!.actions[0]).toMatchObject({ form: 'plan_meeting', prefill: { joint: true } });
  });

  it('R55.same-channel (D17): the letter notice links to the printable page', () => {
    const [dm] = noticesFor(event('letter_issued', { letterId: 'l1' }), snapshot({ letters: [letter(null)] }), on);
    expect(dm!.actions[0]).toEqual({ do: 'link', label: 'action.open_letter', url: 'http://localhost:3000/letters?id=l1', style: 'primary' });
  });
});

describe('the client’s contacts (issue #13): in the acting person’s DMs, never in the channel', () => {
  const on = { platform: 'slack', platforms: both } as const;
  const withPhone = { inquiry: { client: { name: 'Giedrė', email: 'giedre@example.lt', phone: '+370 612 34567', postalAddress: null, language: 'lt' } } };
  const contacts = [
    { label: { key: 'card.phone' }, value: '+370 612 34567', link: 'tel' },
    { label: { key: 'card.email' }, value: 'giedre@example.lt', link: 'mailto' },
  ];

  it('R29.agreed-time: the call reminder brings the number to dial and the e-mail to the owner, after the subject', () => {
    const [dm] = noticesFor(event('reminder_due', { deadline: 'call', dueAt: '2027-03-01T11:00:00Z', recipientId: 'ona' }), snapshot({ ...withPhone, inquiry: { ...withPhone.inquiry, nextCall: nextCall('agreed') } }), on);
    expect(dm!.audience).toEqual({ to: 'person', staffId: 'ona' });
    expect(dm!.facts.slice(0, 3)).toEqual([{ label: { key: 'card.subject' }, value: 'Dėl   vietos\n darželyje' }, ...contacts]);
  });

  it('R31.callback, R4.owner, R54.escalate-unresolved: the failed callback, the client’s new message and the manager’s escalation carry them too', () => {
    const [callback] = noticesFor(event('callback_failed', { attempts: 2, ownerId: 'ona' }), snapshot(withPhone), on);
    expect(callback!.facts).toEqual(contacts);
    const [wrote] = noticesFor(event('client_message_received', { clientMessageId: 'c1', ownerId: 'ona', actorId: null }), snapshot(withPhone), on);
    expect(wrote!.facts).toEqual(contacts);
    const [escalated] = noticesFor(event('escalated', { escalationId: 'e1', escalationType: 'conflict', managerId: 'vida', followUpAt: null }), snapshot({ ...withPhone, escalation: escalation('ona', 'vida') }), on);
    expect(escalated!.facts).toEqual(expect.arrayContaining(contacts.slice(1)));
  });

  it('R29.agreed-time, R24.other-institution, R45.meetings, R4.owner: a call or a step planned for the owner, a meeting planned, a failed e-mail carry them too', () => {
    const dms = [
      ...noticesFor(event('call_scheduled', { callAt: '2027-03-01T11:00:00Z', plan: 'Planas', purpose: 'agreed', actorId: 'vida' }), snapshot(withPhone), on),
      ...noticesFor(event('external_step_added', { stepId: 's1', institution: 'Savivaldybė', what: 'Leidimas', dueAt: '2027-03-10T09:00:00Z', actorId: 'vida' }), snapshot(withPhone), on),
      ...noticesFor(event('meeting_planned', { meetingId: 'm1', startsAt: '2027-03-03T08:00:00Z', format: 'in_person', chairId: 'vida', recorderId: 'ona' }), snapshot({ ...withPhone, meetings: [meeting] }), on),
      ...noticesFor(event('email_failed', { emailId: 'x', purpose: 'reply', reason: 'refused', recipientId: 'ona' }), snapshot(withPhone), on),
    ].filter((notice) => notice.audience.to === 'person');
    expect(dms.map((dm) => `${dm.id} dm:${(dm.audience as { staffId: string }).staffId}`)).toEqual([
      'call.scheduled_for_owner dm:ona', 'step.added_for_owner dm:ona', 'meeting.planned dm:vida', 'meeting.planned dm:ona', 'mail.failed dm:ona',
    ]);
    for (const dm of dms) expect(dm.facts).toEqual(expect.arrayContaining(contacts));
  });

  it('R15.register: nothing the whole team reads carries them: not the thread notes, not the overdue note, not the announcement', () => {
    const shared = [
      ...noticesFor(event('overdue', { deadline: 'first_reply', dueAt: '2027-03-02T09:00:00+02:00', recipientId: 'ona' }), snapshot(withPhone), on),
      ...noticesFor(event('client_message_received', { clientMessageId: 'c1', ownerId: null, actorId: null }), snapshot(withPhone), on),
      ...noticesFor(event('call_logged', { call, attempt: 1 }), snapshot(withPhone), on),
      ...noticesFor(event('call_scheduled', { callAt: '2027-03-01T11:00:00Z', plan: 'Planas', purpose: 'agreed', actorId: 'vida' }), snapshot(withPhone), on),
      ...noticesFor(event('external_step_added', { stepId: 's1', institution: 'Savivaldybė', what: 'Leidimas', dueAt: '2027-03-10T09:00:00Z', actorId: 'vida' }), snapshot(withPhone), on),
    ].filter((notice) => notice.audience.to !== 'person');
    expect(shared.length).toBeGreaterThan(4);
    expect(JSON.stringify(shared)).not.toMatch(/612 34567|giedre@example\.lt/);
  });
});

describe('no dead buttons (issue #13): a "still overdue" DM and an owner’s nudges give way when the inquiry moves on', () => {
  const on = { platform: 'slack', platforms: both } as const;
  /** The timeline's record that ona's reply went up to `manager` (as DeadlineNotices writes it). */
  const wentUp = (manager: Name | null, owner: Name = 'ona', deadline: 'first_reply' | 'resolution' = 'first_reply') => ({
    timeline: [{ inquiryId: 'i1', at: new Date('2027-03-02T13:30:00+02:00'), actorId: null, action: 'overdue_escalated', details: { deadline, dueAt: '2027-03-02T07:00:00Z', ownerId: owner, managerId: manager } }],
  });
  const settledOf = (notices: readonly Notice[]) => notices.filter((notice) => notice.updateKey?.kind === 'overdue_escalated');

  it('R14.reply-1wd / R4.owner: the manager’s DM is keyed per reader and deadline, posted anew each time it goes up', () => {
    const [dm] = noticesFor(event('overdue_escalated', { deadline: 'first_reply', dueAt: '2027-03-02T07:00:00Z', ownerId: 'ona', managerId: 'vida', actorId: null }), snapshot(), on);
    expect(dm!.updateKey).toEqual({ kind: 'overdue_escalated', deadline: 'first_reply', staffId: 'vida' });
    expect(dm!.mode).toBe('repost');
  });

  it('R14.reply-1wd: ona answers → vida’s "still overdue" DM says so in place of Take over / Hand over', () => {
    const [dm, ...rest] = settledOf(noticesFor(event('first_reply_sent', {}), snapshot(wentUp('vida')), on));
    expect(rest).toEqual([]);
    expect(line(dm!)).toBe('dm:vida update_only notice.overdue_escalated.first_reply [take_over form.hand_over open]');
    expect(dm!.outcome).toEqual({ key: 'notice.overdue_escalated.settled.replied', params: {} });
    expect(dm!.updateKey).toEqual({ kind: 'overdue_escalated', deadline: 'first_reply', staffId: 'vida' });
  });

  it('R59.statutory: resolved → the resolution’s DM gives way; a reply settles only the reply’s', () => {
    const [dm] = settledOf(noticesFor(event('resolved', {}), snapshot(wentUp('vida', 'ona', 'resolution')), on));
    expect(dm!.text.key).toBe('notice.overdue_escalated.resolution');
    expect(dm!.outcome?.key).toBe('notice.overdue_escalated.settled.resolved');
    expect(settledOf(noticesFor(event('first_reply_sent', {}), snapshot(wentUp('vida', 'ona', 'resolution')), on))).toEqual([]);
  });

  it('R4.owner: handed on or claimed again → the DM names who has it now; whoever took it themselves keeps theirs (their click answered them)', () => {
    for (const [happened, owner] of [
      [event('handed_over', { fromId: 'ona', toId: 'jonas', actorId: 'vida' }), 'jonas'],
      [event('handed_over', { fromId: 'ona', toId: 'vida', actorId: 'ada' }), 'vida'],
      [event('claimed', { ownerId: 'jonas', actorId: 'jonas' }), 'jonas'],
    ] as const) {
      const [dm, ...rest] = settledOf(noticesFor(happened, snapshot(wentUp('vida')), on));
      expect(rest).toEqual([]);
      expect(dm!.audience).toEqual({ to: 'person', staffId: 'vida' });
      expect(dm!.outcome).toEqual({ key: 'notice.overdue_escalated.settled.owner', params: { owner: { person: owner } } });
    }
    expect(settledOf(noticesFor(event('handed_over', { fromId: 'ona', toId: 'vida', actorId: 'vida' }), snapshot(wentUp('vida')), on))).toEqual([]);
    expect(settledOf(noticesFor(event('handed_over', { fromId: 'ona', toId: 'vida', actorId: 'vida', escalationId: 'e1' }), snapshot(wentUp('vida')), on))).toEqual([]);
  });

  it('R4.owner (D1, D18): the admins’ DMs give way when they were told instead; a manager on another platform only is not told here', () => {
    expect(read(settledOf(noticesFor(event('first_reply_sent', {}), snapshot(wentUp('tomas', 'simona')), on)))).toEqual([
      'dm:ada update_only notice.overdue_escalated.no_manager [form.hand_over open]',
      'dm:aldona update_only notice.overdue_escalated.no_manager [form.hand_over open]',
    ]);
    // karolis is on Slack only: where his DM may have been refused, the admins’ fallback DMs give way too.
    expect(read(settledOf(noticesFor(event('first_reply_sent', {}), snapshot(wentUp('karolis', 'lukas')), on))).map((text) => text.split(' ')[0])).toEqual(['dm:karolis', 'dm:ada', 'dm:aldona']);
    expect(settledOf(noticesFor(event('first_reply_sent', {}), snapshot(wentUp('marius', 'giedrius')), on))).toEqual([]);
  });

  it('R4.owner: released → nothing settled for the manager: Take over is what a queued overdue inquiry needs', () => {
    expect(settledOf(noticesFor(event('released', { previousOwnerId: 'ona' }), snapshot(wentUp('vida')), on))).toEqual([]);
  });

  it('R4.owner: handed over or released → the previous owner’s reminder, overdue and call nudges say whose it is, with Open only', () => {
    const moved = noticesFor(event('handed_over', { fromId: 'ona', toId: 'jonas', actorId: 'vida' }), snapshot(), on).filter((notice) => notice.updateKey?.kind === 'deadline');
    expect(moved.map((notice) => notice.updateKey)).toEqual([
      { kind: 'deadline', deadline: 'first_reply', stage: 'reminder' },
      { kind: 'deadline', deadline: 'first_reply', stage: 'overdue' },
      { kind: 'deadline', deadline: 'call', stage: 'reminder' },
      { kind: 'deadline', deadline: 'external_step', stage: 'reminder' },
      { kind: 'deadline', deadline: 'external_step', stage: 'overdue' },
    ]);
    expect(moved[0]!.text).toEqual({ key: 'notice.deadline_moved.handed_over', params: { number: NUMBER, to: { person: 'jonas' } } });
    // A meeting summary is its recorder’s and chair’s, whoever owns the inquiry: not moved.
    expect(moved.some((notice) => notice.updateKey?.kind === 'deadline' && notice.updateKey.deadline === 'meeting_summary')).toBe(false);
  });
});

describe('reachability: the one rule for who can be told where', () => {
  it.each([
    ['ona (both platforms)', 'ona', true, true],
    ['rasa (Teams only)', 'rasa', false, true],
    ['petras (Slack only)', 'petras', true, false],
    ['ieva (inactive, D1)', 'ieva', false, false],
  ] as const)('R4.owner: %s', (_title, name, slack, teams) => {
    expect([reachableOn(staff(name), 'slack'), reachableOn(staff(name), 'teams')]).toEqual([slack, teams]);
    expect(reachableAnywhere(staff(name), both)).toBe(slack || teams);
    expect(onlyReachableOn(staff(name), 'slack', both)).toBe(slack && !teams);
  });

  it('R54.escalate-unresolved (D3): each person once, in order, the unreachable left out', () => {
    expect(audienceOf([staff('ada'), null, staff('ieva'), staff('ada'), staff('aldona'), undefined], 'slack').map((person) => person.id)).toEqual(['ada', 'aldona']);
  });
});
