import type { Clock } from './clock.js';
import type { DeadlinePolicy } from './deadline-policy.js';
import { InquiryNotFoundError, NotOwnerError, StaffNotFoundError } from './errors.js';
import type { DeadlineSchedule, InquiryEvent } from './events.js';
import { assertCan, mayActOn, type Inquiry, type InquiryAction } from './inquiry.js';
import type { TimelineEntry } from './inquiry.repository.js';
import type { StaffMember } from './staff.js';
import type { TransactionScope } from './unit-of-work.js';

/** Distributes the event-specific fields over the union, so `emit` stays type-checked per event type. */
export type EventBody = InquiryEvent extends infer E ? (E extends InquiryEvent ? Omit<E, 'inquiryId' | 'registryNumber' | 'at' | 'actorId'> : never) : never;

/** Every event goes to the timeline (R12.records) and the outbox, in the command's transaction. */
export async function emitEvent(
  scope: TransactionScope,
  inquiry: Pick<Inquiry, 'id' | 'registryNumber'>,
  actorId: string | null,
  body: EventBody,
  at: Date,
): Promise<void> {
  await emitEvents(scope, [{ inquiry, actorId, body, at }]);
}

/** Several events at once, each as `emitEvent` would: one statement for the timeline, one for the outbox (issue #16). */
export async function emitEvents(
  scope: TransactionScope,
  emitted: ReadonlyArray<{ inquiry: Pick<Inquiry, 'id' | 'registryNumber'>; actorId: string | null; body: EventBody; at: Date }>,
): Promise<void> {
  if (emitted.length === 0) return;
  const events = emitted.map(({ inquiry, actorId, body, at }) => eventOf(inquiry, actorId, body, at));
  await scope.inquiries.appendTimelines(events.map((event, i) => timelineEntryOf(event, emitted[i]!.at)));
  await scope.events.publishAll(events);
}

function eventOf(inquiry: Pick<Inquiry, 'id' | 'registryNumber'>, actorId: string | null, body: EventBody, at: Date): InquiryEvent {
  return { ...body, inquiryId: inquiry.id, registryNumber: inquiry.registryNumber, at: at.toISOString(), actorId } as InquiryEvent;
}

function timelineEntryOf(event: InquiryEvent, at: Date): TimelineEntry {
  const { type, inquiryId, registryNumber: _number, at: _at, actorId, ...details } = event;
  return { inquiryId, at, actorId, action: type, details };
}

export async function requireStaff(scope: TransactionScope, staffId: string): Promise<StaffMember> {
  const member = await scope.staff.findById(staffId);
  if (!member || !member.active) throw new StaffNotFoundError(staffId);
  return member;
}

export function assertOwnerOrSupervisor(inquiry: Inquiry, actor: StaffMember, action: string): void {
  if (!mayActOn(inquiry, actor)) throw new NotOwnerError(inquiry.registryNumber, action);
}

/** Tells the scheduler when a command moved, met or added a deadline. */
export async function emitScheduleChange(
  scope: TransactionScope,
  policy: DeadlinePolicy,
  inquiry: Inquiry,
  before: DeadlineSchedule,
  at: Date,
): Promise<void> {
  const schedule = policy.schedule(inquiry);
  if (JSON.stringify(schedule) === JSON.stringify(before)) return;
  await emitEvent(scope, inquiry, null, { type: 'deadlines_changed', schedule }, at);
}

/** A unit of work over any scope that includes the core's repositories (the e-mail feature adds its own). */
export interface ScopedUnitOfWork<S extends TransactionScope> {
  run<T>(work: (scope: S) => Promise<T>): Promise<T>;
}

export interface CommandContext<S extends TransactionScope = TransactionScope> {
  unitOfWork: ScopedUnitOfWork<S>;
  policy: DeadlinePolicy;
  clock: Clock;
}

export type CommandStep<S extends TransactionScope> = (scope: S, inquiry: Inquiry, actor: StaffMember, now: Date) => Promise<EventBody[]>;

/**
 * Locks the inquiry, applies one command, stores it with its events (timeline and outbox) and tells the
 * scheduler of any deadline the command moved — all in one transaction. No events: nothing changed.
 */
export function changeInquiry<S extends TransactionScope>(
  context: CommandContext<S>,
  inquiryId: string,
  staffId: string,
  apply: CommandStep<S>,
): Promise<Inquiry> {
  return context.unitOfWork.run(async (scope) => {
    const actor = await requireStaff(scope, staffId);
    const inquiry = await scope.inquiries.getForUpdate(inquiryId);
    if (!inquiry) throw new InquiryNotFoundError(inquiryId);
    const before = context.policy.schedule(inquiry);
    const now = context.clock.now();
    const events = await apply(scope, inquiry, actor, now);
    if (events.length === 0) return inquiry;
    await scope.inquiries.update(inquiry);
    for (const event of events) await emitEvent(scope, inquiry, actor.id, event, now);
    await emitScheduleChange(scope, context.policy, inquiry, before, now);
    return inquiry;
  });
}

/** A command only the owner (or a supervisor) may give, from the statuses `action` allows. */
export function ownerCommand<S extends TransactionScope>(action: InquiryAction, apply: CommandStep<S>): CommandStep<S> {
  return (scope, inquiry, actor, now) => {
    assertCan(inquiry, action);
    assertOwnerOrSupervisor(inquiry, actor, action.replaceAll('_', ' '));
    return apply(scope, inquiry, actor, now);
  };
}

/** R14.reply-1wd: anything that answers the client counts as the first reply. */
export function answerFirst(inquiry: Inquiry, now: Date): EventBody[] {
  if (inquiry.firstReplyAt !== null) return [];
  inquiry.firstReplyAt = now;
  if (inquiry.status === 'claimed') inquiry.status = 'in_progress';
  return [{ type: 'first_reply_sent' }];
}
