import type { DeadlineKind, EventOf } from '../../../../domain/events.js';
import type { StaffMember } from '../../../../domain/staff.js';
import type { Fact, Notice, NoticeAction, NoticeContext, NoticeSnapshot, Text } from '../notice.js';
import { audienceOf, onlyReachableOn, reachableAnywhere, reachableOn } from '../reachability.js';
import { lastOverdueEscalations, lastUnclaimedEscalation } from '../snapshot.js';
import { contactFacts, named, open, personOf, say, toPerson, type Rule } from './shapes.js';

/** What a manager needs to judge a stalled inquiry away from its card: the subject, the client and how to reach them. */
function stallFacts(snapshot: NoticeSnapshot): Fact[] {
  const { inquiry } = snapshot.inquiry;
  return [
    { label: { key: 'card.subject' }, value: inquiry.subject },
    { label: { key: 'card.client' }, value: inquiry.client.name },
    ...contactFacts(inquiry),
  ];
}

/** Make it one's own, give it to a named colleague, or look first. */
const TAKE_OVER_OR_REASSIGN = (inquiryId: string): NoticeAction[] => [
  { do: 'verb', verb: 'take_over', inquiryId, style: 'primary' },
  { do: 'form', form: 'hand_over', inquiryId },
  open(inquiryId),
];

/** What a "still overdue" DM is about: the fields of the `overdue_escalated` event, or of its timeline entry. */
interface Overdue {
  readonly inquiryId: string;
  readonly registryNumber: string;
  readonly deadline: DeadlineKind;
  readonly dueAt: string;
  readonly ownerId: string | null;
}

/**
 * One reader's "still overdue" DM: the manager's (Take over, Hand over, Open) or an admin's, when no manager can be
 * reached (Hand over, Open). Keyed per reader and deadline; `outcome` set: the same DM, now saying what became of it
 * in place of its buttons (nobody takes over what is settled).
 */
function overdueDm(reader: StaffMember, overdue: Overdue, toManager: boolean, snapshot: NoticeSnapshot, outcome?: Text): Notice {
  const { inquiryId, registryNumber: number, deadline } = overdue;
  return toPerson(reader, {
    id: toManager ? 'deadline.escalated_to_manager' : 'deadline.escalated_no_manager',
    kind: 'deadline',
    tone: 'attention',
    mode: outcome === undefined ? 'repost' : 'update_only',
    updateKey: { kind: 'overdue_escalated', deadline, staffId: reader.id },
    text: toManager
      ? say(deadline === 'resolution' ? 'notice.overdue_escalated.resolution' : 'notice.overdue_escalated.first_reply', { number, due: { at: overdue.dueAt }, owner: named(overdue.ownerId) })
      : say('notice.overdue_escalated.no_manager', { number, owner: named(overdue.ownerId) }),
    facts: stallFacts(snapshot),
    actions: toManager ? TAKE_OVER_OR_REASSIGN(inquiryId) : [{ do: 'form', form: 'hand_over', inquiryId }, open(inquiryId)],
    ...(outcome === undefined ? {} : { outcome }),
  });
}

/**
 * The admins, when a stalled inquiry has no manager reachable on any platform: they set one or reassign it
 * themselves. Only admins this platform reaches (D1), each once.
 */
function toAdmins(event: EventOf<'overdue_escalated'>, snapshot: NoticeSnapshot, { platform }: NoticeContext): Notice[] {
  return audienceOf(snapshot.admins, platform).map((admin) => overdueDm(admin, event, false, snapshot));
}

/**
 * R14.reply-1wd / R4.owner: a first reply or resolution still overdue some office hours after the deadline goes to
 * the owner's direct manager, by DM with Take over, Hand over (reassign) and Open — the manager only: the owner was
 * told at the deadline, the team saw the card turn overdue. No reachable manager → the admins, as escalations do
 * (R54); a manager reached only here who refuses the message at send time → the admins instead (`fallback`).
 */
const overdueEscalated: Rule<'overdue_escalated'> = (event, snapshot, context) => {
  const manager = personOf(snapshot, event.managerId);
  if (!reachableAnywhere(manager, context.platforms)) return toAdmins(event, snapshot, context);
  if (!reachableOn(manager, context.platform)) return [];
  const notice = overdueDm(manager, event, true, snapshot);
  return [onlyReachableOn(manager, context.platform, context.platforms) ? { ...notice, fallback: toAdmins(event, snapshot, context) } : notice];
};

/**
 * Who may hold a "still overdue" DM on this platform, as `overdueEscalated` decided: the manager, or the admins when
 * no manager could be reached anywhere — and the admins too where the manager's only platform may have refused it.
 */
function overdueReaders(manager: StaffMember | undefined, snapshot: NoticeSnapshot, { platform, platforms }: NoticeContext): Array<[StaffMember, boolean]> {
  const admins = (toManager: boolean) => audienceOf(snapshot.admins.filter((admin) => admin.id !== manager?.id), platform).map((admin): [StaffMember, boolean] => [admin, toManager]);
  if (!reachableAnywhere(manager, platforms)) return admins(false);
  if (!reachableOn(manager, platform)) return [];
  return [[manager, true], ...(onlyReachableOn(manager, platform, platforms) ? admins(false) : [])];
}

/**
 * R4.owner / R14.reply-1wd: the deadline was met (`deadlines`: the ones it met) or the inquiry is someone's again —
 * every "still overdue" DM about those deadlines says so (`outcome`) in place of Take over / Hand over. Whoever took
 * it themselves (`taker`) is left out: a Take over pressed in that DM answered them there, and from elsewhere its
 * Hand over is still theirs to use. Update-only: only DMs this platform posted change; nothing when it never went up.
 */
export function overdueSettled(deadlines: readonly DeadlineKind[], outcome: Text, snapshot: NoticeSnapshot, context: NoticeContext, taker: string | null = null): Notice[] {
  const { inquiry } = snapshot.inquiry;
  return lastOverdueEscalations(snapshot.inquiry)
    .filter((entry) => deadlines.includes(entry.details.deadline as DeadlineKind))
    .flatMap((entry) => {
      const details = entry.details as { deadline: DeadlineKind; dueAt: string; ownerId: string | null; managerId: string | null };
      const overdue: Overdue = { inquiryId: inquiry.id, registryNumber: inquiry.registryNumber, ...details };
      return overdueReaders(personOf(snapshot, details.managerId), snapshot, context)
        .filter(([reader]) => reader.id !== taker)
        .map(([reader, toManager]) => overdueDm(reader, overdue, toManager, snapshot, outcome));
    });
}

/** Both deadlines that go up: a resolution or a new owner settles whichever went up. */
export const ESCALATING: readonly DeadlineKind[] = ['first_reply', 'resolution'];

/** The DM telling one person nobody has claimed it; `claimedBy` set: the same DM, now saying who took it. */
function unclaimedDm(person: StaffMember, event: { inquiryId: string; registryNumber: string }, snapshot: NoticeSnapshot, claimedBy?: string): Notice {
  return toPerson(person, {
    id: 'inquiry.unclaimed_to_manager',
    kind: 'deadline',
    tone: 'attention',
    mode: claimedBy === undefined ? 'repost' : 'update_only',
    updateKey: { kind: 'unclaimed_to', staffId: person.id },
    text: say('notice.unclaimed_escalated', { number: event.registryNumber, received: { at: snapshot.inquiry.inquiry.receivedAt.toISOString() } }),
    facts: stallFacts(snapshot),
    actions: [
      { do: 'verb', verb: 'claim', inquiryId: event.inquiryId, style: 'primary' },
      { do: 'form', form: 'hand_over', inquiryId: event.inquiryId },
      open(event.inquiryId),
    ],
    ...(claimedBy === undefined ? {} : { outcome: say('notice.unclaimed.claimed', { owner: named(claimedBy) }) }),
  });
}

/** Managers, or the admins when no manager can be reached anywhere: who hears that nobody claimed it. */
function toldOfUnclaimed(managerIds: readonly string[], snapshot: NoticeSnapshot, platforms: NoticeContext['platforms']): ReadonlyArray<StaffMember | undefined> {
  const managers = managerIds.map((id) => personOf(snapshot, id));
  return managers.some((manager) => reachableAnywhere(manager, platforms)) ? managers : snapshot.admins;
}

/**
 * R4.owner: still nobody claimed it after the channel's nudge → the manager on duty (every active manager when
 * none is configured) by DM with Claim, Hand over and Open; nobody else. No manager reachable anywhere → the admins.
 */
const unclaimedEscalated: Rule<'unclaimed_escalated'> = (event, snapshot, { platform, platforms }) =>
  audienceOf(toldOfUnclaimed(event.managerIds, snapshot, platforms), platform).map((person) => unclaimedDm(person, event, snapshot));

/**
 * R4.owner: someone took it (claimed, taken over, handed to a colleague) — every other DM that said nobody had
 * claimed it now says who did, in place of its buttons, so no other manager claims it too. Nothing where none was posted.
 */
export function unclaimedTaken(event: { inquiryId: string; registryNumber: string; actorId: string | null }, ownerId: string, snapshot: NoticeSnapshot, { platform, platforms }: NoticeContext): Notice[] {
  const escalation = lastUnclaimedEscalation(snapshot.inquiry);
  if (!escalation) return [];
  const managerIds = Array.isArray(escalation.details.managerIds) ? escalation.details.managerIds.filter((id): id is string => typeof id === 'string') : [];
  // Whoever took it from their own DM sees that DM answer their click already.
  const others = toldOfUnclaimed(managerIds, snapshot, platforms).filter((person) => person?.id !== event.actorId);
  return audienceOf(others, platform).map((person) => unclaimedDm(person, event, snapshot, ownerId));
}

export const stallRules = { overdue_escalated: overdueEscalated, unclaimed_escalated: unclaimedEscalated };
