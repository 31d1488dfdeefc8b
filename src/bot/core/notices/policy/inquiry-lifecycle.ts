import type { EventOf } from '../../../../domain/events.js';
import type { Notice, NoticeSnapshot } from '../notice.js';
import { audienceOf } from '../reachability.js';
import { deadlineMet, nudgesMovedOn } from './deadlines.js';
import { ESCALATING, overdueSettled, unclaimedTaken } from './stalls.js';
import { announcement, contactFacts, inThread, named, open, personOf, say, toChannel, toPerson, type Rule } from './shapes.js';

/** Events that only change what the inquiry's card shows: its owner, status or buttons. */
type LifecycleEvent = 'registered' | 'holding_reply_sent' | 'waiting_on_client' | 'closed' | 'reopened';

/**
 * R15.register / R4.owner: a registered inquiry is announced in the staff channel and nobody is messaged; each
 * later change re-renders that card (D8: upsert on every platform). The person who acted sees the card change
 * and was answered by their own click.
 */
const cardOnly = (event: EventOf<LifecycleEvent>, snapshot: NoticeSnapshot): Notice[] => [announcement(event, snapshot)];

/**
 * R14.reply-1wd: answered — the card shows it, and the owner's nudges about the reply and the manager's "still
 * overdue" DM give way to it.
 */
const firstReplySent: Rule<'first_reply_sent'> = (event, snapshot, context) => {
  const owner = personOf(snapshot, snapshot.inquiry.inquiry.ownerId);
  return [
    announcement(event, snapshot),
    ...deadlineMet(event, 'first_reply', [{ stage: 'reminder', person: owner }, { stage: 'overdue', person: owner }], context.platform),
    ...overdueSettled(['first_reply'], say('notice.overdue_escalated.settled.replied', {}), snapshot, context),
  ];
};

/** R14.reply-1wd / R59.statutory: resolved — the card shows it; a "still overdue" DM to the manager gives way to it. */
const resolved: Rule<'resolved'> = (event, snapshot, context) => [
  announcement(event, snapshot),
  ...overdueSettled(ESCALATING, say('notice.overdue_escalated.settled.resolved', {}), snapshot, context),
];

/**
 * R4.owner: released to the queue — the card shows nobody owns it, and the previous owner's nudges (Mark replied,
 * Log call) say it is no longer theirs. A manager's "still overdue" DM stays live: Take over is what it now needs.
 */
const released: Rule<'released'> = (event, snapshot, { platform }) => [
  announcement(event, snapshot),
  ...nudgesMovedOn(event.inquiryId, personOf(snapshot, event.previousOwnerId), say('notice.deadline_moved.released', { number: event.registryNumber }), platform),
];

/**
 * R4.owner: the card shows the owner, and a "nobody has claimed it" nudge, if one was posted, gives way to who did —
 * in the channel and in the managers' DMs; so does a "still overdue" DM from before a release.
 */
const claimed: Rule<'claimed'> = (event, snapshot, context) => [
  announcement(event, snapshot),
  ...unclaimedTaken(event, event.ownerId, snapshot, context),
  ...overdueSettled(ESCALATING, say('notice.overdue_escalated.settled.owner', { owner: named(event.ownerId) }), snapshot, context, event.ownerId),
  toChannel({
    id: 'inquiry.unclaimed',
    mode: 'update_only',
    updateKey: { kind: 'unclaimed' },
    text: say('notice.unclaimed', { number: event.registryNumber }),
    facts: [{ label: { key: 'card.subject' }, value: snapshot.inquiry.inquiry.subject }],
    outcome: say('notice.unclaimed.claimed', { owner: named(event.ownerId) }),
  }),
];

/**
 * R4.owner: a handover is told to both people and the team (issue #13, gap G1). The new owner gets the inquiry in a
 * DM (subject, the client's contacts, Open); the previous owner hears who has it now when someone else (a manager)
 * handed it on; the thread gets "from X to Y" — nobody else is told. Whoever acted is not told what they did. A
 * manager's take-over of an escalation is told by `escalation_taken_over` (the raiser, the manager's DM): here the card.
 * Either way no earlier DM keeps a dead button: the previous owner's nudges and a manager's "still overdue" DM say
 * whose it is now (issue #13).
 */
const handedOver: Rule<'handed_over'> = (event, snapshot, context) => {
  const { platform } = context;
  const settled = [
    ...nudgesMovedOn(event.inquiryId, personOf(snapshot, event.fromId), say('notice.deadline_moved.handed_over', { number: event.registryNumber, to: named(event.toId) }), platform),
    ...overdueSettled(ESCALATING, say('notice.overdue_escalated.settled.owner', { owner: named(event.toId) }), snapshot, context, event.toId === event.actorId ? event.toId : null),
  ];
  if (event.escalationId !== undefined) return [announcement(event, snapshot), ...settled];
  const { inquiry } = snapshot.inquiry;
  const number = event.registryNumber;
  const by = named(event.actorId);
  const newOwner = event.toId === event.actorId ? undefined : personOf(snapshot, event.toId);
  const previous = event.fromId === null || event.fromId === event.actorId || event.fromId === event.toId ? undefined : personOf(snapshot, event.fromId);
  return [
    announcement(event, snapshot),
    ...(event.fromId === null ? unclaimedTaken(event, event.toId, snapshot, context) : []),
    ...settled,
    ...audienceOf([newOwner], platform).map((person) =>
      toPerson(person, {
        id: 'inquiry.handed_over_to_you',
        text: say('notice.handed_over.to_you', { number, by }),
        facts: [{ label: { key: 'card.subject' }, value: inquiry.subject }, ...contactFacts(inquiry)],
        actions: [open(event.inquiryId)],
      }),
    ),
    ...audienceOf([previous], platform).map((person) =>
      toPerson(person, { id: 'inquiry.handed_over_from_you', text: say('notice.handed_over.from_you', { number, by, to: named(event.toId) }) }),
    ),
    inThread(event.inquiryId, {
      id: 'inquiry.handed_over_note',
      text: event.fromId === null
        ? say('notice.handed_over.assigned', { number, by, to: named(event.toId) })
        : say('notice.handed_over.thread', { number, from: named(event.fromId), to: named(event.toId) }),
    }),
  ];
};

export const lifecycleRules = {
  registered: cardOnly,
  claimed,
  released,
  handed_over: handedOver,
  first_reply_sent: firstReplySent,
  holding_reply_sent: cardOnly,
  waiting_on_client: cardOnly,
  resolved,
  closed: cardOnly,
  reopened: cardOnly,
} satisfies { [T in LifecycleEvent | 'claimed' | 'released' | 'handed_over' | 'first_reply_sent' | 'resolved']: Rule<T> };
