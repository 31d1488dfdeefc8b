import type { DeadlinePolicy } from './deadline-policy.js';
import { NotOwnerError, StaffNotFoundError } from './errors.js';
import type { DeadlineSchedule, InquiryEvent } from './events.js';
import type { Inquiry } from './inquiry.js';
import { supervises, type StaffMember } from './staff.js';
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
  const event = { ...body, inquiryId: inquiry.id, registryNumber: inquiry.registryNumber, at: at.toISOString(), actorId } as InquiryEvent;
  const { type, inquiryId: _id, registryNumber: _number, at: _at, actorId: _actor, ...details } = event;
  await scope.inquiries.appendTimeline({ inquiryId: inquiry.id, at, actorId, action: type, details });
  await scope.events.publish(event);
}

export async function requireStaff(scope: TransactionScope, staffId: string): Promise<StaffMember> {
  const member = await scope.staff.findById(staffId);
  if (!member || !member.active) throw new StaffNotFoundError(staffId);
  return member;
}

export function assertOwnerOrSupervisor(inquiry: Inquiry, actor: StaffMember, action: string): void {
  if (inquiry.ownerId !== actor.id && !supervises(actor)) throw new NotOwnerError(inquiry.registryNumber, action);
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
