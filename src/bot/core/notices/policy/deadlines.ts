import type { DeadlineKind, EventOf } from '../../../../domain/events.js';
import { pendingStepDue } from '../../../../domain/external-step.js';
import { isRetryCall } from '../../../../domain/inquiry.js';
import { meetingOwingSummary } from '../../../../domain/meeting.js';
import type { StaffMember } from '../../../../domain/staff.js';
import type { MessageKey } from '../../i18n/index.js';
import type { Notice, NoticeSnapshot, PlatformId, Text } from '../notice.js';
import { audienceOf } from '../reachability.js';
import { coveringNote } from './covering.js';
import { announcement, contactFacts, inThread, open, personOf, say, toChannel, toPerson, type Rule } from './shapes.js';

type Nudged = Exclude<DeadlineKind, 'claim'>;
type DeadlineEvent = EventOf<'reminder_due'> | EventOf<'overdue'>;
type Extras = Pick<Notice, 'actions'> & Partial<Pick<Notice, 'facts' | 'notes' | 'lines'>>;

/** R29.agreed-time: a call reminder brings the recent past — the last calls and the latest entries, not the whole story. */
const RECENT = { calls: 3, timeline: 5 } as const;

/** The button that meets each deadline, and the facts to meet it with; Open on every one. */
function extras(event: DeadlineEvent & { deadline: Nudged }, snapshot: NoticeSnapshot): Extras {
  const { inquiry, meetings, externalSteps } = snapshot.inquiry;
  const due = new Date(event.dueAt);
  switch (event.deadline) {
    case 'first_reply':
      // R14.reply-1wd: a reply already marked is not marked again.
      return { actions: inquiry.firstReplyAt === null ? [{ do: 'verb', verb: 'mark_replied', inquiryId: inquiry.id, style: 'primary' }, open(inquiry.id)] : [open(inquiry.id)] };
    case 'call':
      // R29.agreed-time / R31.callback: the plan, the recent past, and a retry says so — the domain decides what a retry is (D4).
      return {
        actions: [{ do: 'form', form: 'log_call', inquiryId: inquiry.id, style: 'primary' }, open(inquiry.id)],
        facts: inquiry.nextCall?.plan ? [{ label: { key: 'notice.call.plan' }, value: inquiry.nextCall.plan, internal: true }] : [],
        notes: isRetryCall(inquiry) ? [{ key: 'notice.call.retry' }] : [],
        lines: RECENT,
      };
    case 'meeting_summary': {
      // R48.meeting-summary-2wd
      const meeting = meetingOwingSummary(meetings, due);
      return { actions: meeting ? [{ do: 'form', form: 'send_summary', inquiryId: inquiry.id, targetId: meeting.id, style: 'primary' }, open(inquiry.id)] : [open(inquiry.id)] };
    }
    case 'external_step': {
      // R24.other-institution
      const step = pendingStepDue(externalSteps, due);
      return step
        ? { actions: [{ do: 'form', form: 'record_decision', inquiryId: inquiry.id, targetId: step.id, style: 'primary' }, open(inquiry.id)], facts: [{ label: step.institution, value: step.what }] }
        : { actions: [open(inquiry.id)] };
    }
    case 'resolution':
    case 'follow_up':
      return { actions: [open(inquiry.id)] };
  }
}

/** The deadlines whose nudge carries a button that meeting them makes moot, and what says it was met. */
const MET_BY: Partial<Record<Nudged, MessageKey>> = {
  first_reply: 'notice.deadline_met.first_reply',
  call: 'notice.deadline_met.call',
  meeting_summary: 'notice.deadline_met.meeting_summary',
  external_step: 'notice.deadline_met.external_step',
};

/**
 * The deadline is met: the latest nudges about it (to `people`, by stage) say so in place of their buttons, so no
 * earlier DM offers what is done (issue #13: no stale views). Nothing when none was posted on this platform.
 */
export function deadlineMet(
  event: { inquiryId: string; registryNumber: string },
  deadline: Nudged,
  people: ReadonlyArray<{ stage: 'reminder' | 'overdue'; person: StaffMember | undefined }>,
  platform: PlatformId,
): Notice[] {
  const key = MET_BY[deadline];
  if (!key) return [];
  return people.flatMap(({ stage, person }) => replaced(event.inquiryId, deadline, stage, person, say(key, { number: event.registryNumber }), platform));
}

/** The latest nudge about one deadline at one stage, now saying `text` with Open only; nothing where none was posted. */
function replaced(inquiryId: string, deadline: Nudged, stage: 'reminder' | 'overdue', person: StaffMember | undefined, text: Text, platform: PlatformId): Notice[] {
  return audienceOf([person], platform).map((reader) =>
    toPerson(reader, { id: `deadline.${stage}`, kind: 'deadline', mode: 'update_only', updateKey: { kind: 'deadline', deadline, stage }, text, actions: [open(inquiryId)] }),
  );
}

/**
 * The nudges that go to the owner as owner, with a button only the owner should press: Mark replied, Log call,
 * Record decision. A meeting summary's nudges go to its recorder and chair, whoever owns the inquiry.
 */
const OWNERS_NUDGES: ReadonlyArray<readonly [Nudged, 'reminder' | 'overdue']> = [
  ['first_reply', 'reminder'],
  ['first_reply', 'overdue'],
  ['call', 'reminder'],
  ['external_step', 'reminder'],
  ['external_step', 'overdue'],
];

/**
 * R4.owner: handed over or released — the previous owner's latest nudges say whose it is now (`text`) in place of
 * their buttons, so no earlier DM offers them what is no longer theirs (issue #13: no dead buttons).
 */
export function nudgesMovedOn(inquiryId: string, previousOwner: StaffMember | undefined, text: Text, platform: PlatformId): Notice[] {
  return OWNERS_NUDGES.flatMap(([deadline, stage]) => replaced(inquiryId, deadline, stage, previousOwner, text, platform));
}

/** The recipient's DM (the owner; for a meeting summary its recorder, or its chair once late), if reachable here (D1). */
function toRecipient(event: DeadlineEvent & { deadline: Nudged }, snapshot: NoticeSnapshot, platform: PlatformId): Notice[] {
  const stage = event.type === 'overdue' ? 'overdue' : 'reminder';
  const more = extras(event, snapshot);
  // The subject first: a DM is read away from the card, and a number alone says nothing.
  const subject = { label: { key: 'card.subject' }, value: snapshot.inquiry.inquiry.subject } as const;
  return audienceOf([personOf(snapshot, event.recipientId)], platform).map((person) =>
    toPerson(person, {
      id: `deadline.${stage}`,
      kind: 'deadline',
      // Each nudge is a new message; the latest is remembered, so meeting the deadline replaces its button (issue #13).
      ...(MET_BY[event.deadline] ? { mode: 'repost', updateKey: { kind: 'deadline', deadline: event.deadline, stage } } : {}),
      tone: stage === 'overdue' ? 'attention' : 'info',
      text: say(`notice.${stage}.${event.deadline}`, { number: event.registryNumber, due: { at: event.dueAt } }),
      ...more,
      facts: [subject, ...contactFacts(snapshot.inquiry.inquiry), ...(more.facts ?? [])],
      // R4.owner: the substitute of an away owner hears whom they cover for; the away person is not told.
      ...(event.coveringForId === undefined ? {} : { notes: [...coveringNote(event), ...(more.notes ?? [])] }),
    }),
  );
}

/**
 * R4.owner: nobody claimed it in time — a message in the channel itself (a thread reply would go unseen) with the
 * Claim button, keyed so that the claim replaces the button with who took it (no dead buttons).
 */
function unclaimedNudge(event: DeadlineEvent, snapshot: NoticeSnapshot): Notice {
  return toChannel({
    id: 'inquiry.unclaimed',
    mode: 'upsert',
    updateKey: { kind: 'unclaimed' },
    tone: 'attention',
    text: say('notice.unclaimed', { number: event.registryNumber }),
    facts: [{ label: { key: 'card.subject' }, value: snapshot.inquiry.inquiry.subject }],
    actions: [{ do: 'verb', verb: 'claim', inquiryId: event.inquiryId, style: 'primary' }, open(event.inquiryId)],
  });
}

const isNudged = (event: DeadlineEvent): event is DeadlineEvent & { deadline: Nudged } => event.deadline !== 'claim';

/** R14.reply-1wd and the workflow deadlines: a nudge to the recipient only. The claim window has no reminder (R4.owner). */
const reminderDue: Rule<'reminder_due'> = (event, snapshot, { platform }) => (isNudged(event) ? toRecipient(event, snapshot, platform) : []);

/**
 * At the deadline the card turns overdue and the team is told in its thread, so an owner who cannot be reached
 * (inactive, no account here) is still covered (D1); the recipient gets a DM too. An unclaimed inquiry is
 * announced again to the team, nobody in particular (R4.owner).
 */
const overdue: Rule<'overdue'> = (event, snapshot, { platform }) => {
  if (!isNudged(event)) return [announcement(event, snapshot), unclaimedNudge(event, snapshot)];
  return [
    announcement(event, snapshot),
    ...toRecipient(event, snapshot, platform),
    inThread(event.inquiryId, { id: 'deadline.overdue_note', tone: 'attention', text: say(`notice.overdue.${event.deadline}`, { number: event.registryNumber, due: { at: event.dueAt } }) }),
  ];
};

export const deadlineRules = { reminder_due: reminderDue, overdue };
