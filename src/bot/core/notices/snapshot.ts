import type { Capabilities } from '../../../domain/capabilities.js';
import type { InquiryEvent } from '../../../domain/events.js';
import type { EscalationSnapshot, InquirySnapshot } from '../../../domain/snapshots.js';
import type { StaffMember } from '../../../domain/staff.js';
import type { NoticeSnapshot } from './notice.js';

/** The reads the loader needs; InquiryQueries satisfies it. */
export interface SnapshotReads {
  get(reference: string): Promise<InquirySnapshot>;
  escalation(escalationId: string): Promise<EscalationSnapshot>;
  staffMember(id: string): Promise<StaffMember | null>;
  staffWithRole(role: StaffMember['roles'][number] | null): Promise<StaffMember[]>;
}

/** What the loader is given besides the reads: facts of the installation, not of the event. */
export interface SnapshotSettings {
  readonly capabilities: Capabilities;
  readonly letterUrl: (letterId: string, staffId: string) => string;
}

/** Event fields that name a staff member. */
const PERSON_FIELDS = ['actorId', 'ownerId', 'recipientId', 'coveringForId', 'chairId', 'recorderId', 'managerId', 'fromId', 'toId'] as const;

/** The latest "nobody claimed it" that went up to the managers on duty, from the inquiry's timeline. */
export function lastUnclaimedEscalation(inquiry: InquirySnapshot): InquirySnapshot['timeline'][number] | undefined {
  return [...inquiry.timeline].reverse().find((entry) => entry.action === 'unclaimed_escalated');
}

/**
 * The latest "still overdue" that went up for each deadline (R4.owner), from the inquiry's timeline: whose DMs a
 * reply, a resolution or a new owner makes moot.
 */
export function lastOverdueEscalations(inquiry: InquirySnapshot): Array<InquirySnapshot['timeline'][number]> {
  const latest = new Map<unknown, InquirySnapshot['timeline'][number]>();
  for (const entry of inquiry.timeline) if (entry.action === 'overdue_escalated') latest.set(entry.details.deadline, entry);
  return [...latest.values()];
}

/** Every staff id the event names, and the people the inquiry's meetings and letters name for it. */
function namedIds(event: InquiryEvent, inquiry: InquirySnapshot): Set<string> {
  const fields = event as unknown as Record<string, unknown>;
  const ids = new Set<string>();
  const add = (id: unknown) => {
    if (typeof id === 'string') ids.add(id);
  };
  PERSON_FIELDS.forEach((field) => add(fields[field]));
  if (Array.isArray(fields.headIds)) fields.headIds.forEach(add);
  if (Array.isArray(fields.managerIds)) fields.managerIds.forEach(add);
  add(inquiry.inquiry.ownerId);
  const meeting = inquiry.meetings.find((candidate) => candidate.id === fields.meetingId);
  if (meeting) [meeting.chairId, meeting.recorderId].forEach(add);
  add(inquiry.letters.find((candidate) => candidate.id === fields.letterId)?.authorId);
  // Whoever was told nobody claimed it: their DMs give way to who took it (R4.owner).
  const told = lastUnclaimedEscalation(inquiry)?.details.managerIds;
  if (Array.isArray(told)) told.forEach(add);
  // So is the manager told it was still overdue: that DM gives way too.
  lastOverdueEscalations(inquiry).forEach((entry) => add(entry.details.managerId));
  return ids;
}

/**
 * Loads, once per event, everything `noticesFor` looks at: the inquiry, the escalation for escalation events, the
 * people the event names, the admins (R54) and heads (R58). Only active admins and heads matter, but all are
 * loaded: the policy's reachability rule is the one place that leaves the inactive out (D1).
 */
export async function loadNoticeSnapshot(event: InquiryEvent, reads: SnapshotReads, settings: SnapshotSettings): Promise<NoticeSnapshot> {
  const inquiry = await reads.get(event.inquiryId);
  const escalation = 'escalationId' in event && event.escalationId !== undefined ? await reads.escalation(event.escalationId) : null;
  const [admins, heads] = await Promise.all([reads.staffWithRole('admin'), reads.staffWithRole('head')]);
  const people = new Map<string, StaffMember>();
  for (const person of [...admins, ...heads, inquiry.owner, escalation?.raisedBy, escalation?.manager]) {
    if (person) people.set(person.id, person);
  }
  for (const id of namedIds(event, inquiry)) {
    if (people.has(id)) continue;
    const person = await reads.staffMember(id);
    if (person) people.set(id, person);
  }
  return { capabilities: settings.capabilities, inquiry, escalation, people, admins, heads, letterUrl: settings.letterUrl };
}
