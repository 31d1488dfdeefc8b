import { randomUUID } from 'node:crypto';
import { callLogSchema, type CallLogInput } from './call-log.js';
import type { Clock } from './clock.js';
import type { DeadlinePolicy } from './deadline-policy.js';
import { assertOwnerOrSupervisor, emitEvent, emitScheduleChange, requireStaff, type EventBody } from './command-support.js';
import { AlreadyClaimedError, DomainError, InquiryNotFoundError } from './errors.js';
import type { DeadlineSchedule } from './events.js';
import { assertCan, type Inquiry, type InquiryAction } from './inquiry.js';
import { DuplicateExternalIdError } from './inquiry.repository.js';
import { registerInquirySchema, type RegisterInquiryInput } from './inquiry.schemas.js';
import { fullName, type StaffMember } from './staff.js';
import type { TransactionScope, UnitOfWork } from './unit-of-work.js';
import { parseInput } from './validation.js';


export interface RegistrationResult {
  inquiry: Inquiry;
  /** False when the same message was registered before (R15.register). */
  created: boolean;
}

/** The commands of the procedure on one inquiry; each runs in one transaction with its events. */
export class InquiryService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: DeadlinePolicy,
    private readonly clock: Clock,
  ) {}

  /** R15.register: registers once per (channel, external id); a re-delivery returns the first registration. */
  async register(input: RegisterInquiryInput): Promise<RegistrationResult> {
    const command = parseInput(registerInquirySchema, input);
    if (command.externalId !== null) {
      const existing = await this.unitOfWork.run((scope) =>
        scope.inquiries.findByExternalId(command.channel, command.externalId!),
      );
      if (existing) return { inquiry: existing, created: false };
    }
    try {
      return await this.unitOfWork.run(async (scope) => {
        if (command.registeredById !== null) await requireStaff(scope, command.registeredById);
        const year = Number(this.policy.calendar.localDate(command.receivedAt).slice(0, 4));
        const inquiry: Inquiry = {
          id: randomUUID(),
          registryNumber: await scope.inquiries.nextRegistryNumber(year),
          kind: command.kind,
          channel: command.channel,
          externalId: command.externalId,
          client: command.client,
          subject: command.subject,
          body: command.body,
          receivedAt: command.receivedAt,
          status: 'new',
          ownerId: null,
          firstReplyDue: this.policy.firstReplyDue(command.receivedAt),
          firstReplyAt: null,
          statutoryDue: this.policy.statutoryDue(command.receivedAt, command.kind),
          promisedBy: null,
          followUpDue: null,
          resolvedAt: null,
          closedAt: null,
        };
        await scope.inquiries.insert(inquiry);
        await this.emit(scope, inquiry, command.registeredById, {
          type: 'registered',
          channel: inquiry.channel,
          kind: inquiry.kind,
          registeredById: command.registeredById,
        });
        await this.emitScheduleChange(scope, inquiry, {});
        return { inquiry, created: true };
      });
    } catch (error) {
      // Two deliveries of one message raced past the lookup; the database let exactly one in.
      if (!(error instanceof DuplicateExternalIdError)) throw error;
      const winner = await this.unitOfWork.run((scope) => scope.inquiries.findByExternalId(error.channel, error.externalId));
      if (!winner) throw error;
      return { inquiry: winner, created: false };
    }
  }

  /** R4.owner: exclusive — the loser gets a coded error naming the winner. */
  claim(inquiryId: string, staffId: string): Promise<Inquiry> {
    return this.change(inquiryId, staffId, async (scope, inquiry) => {
      if (inquiry.ownerId !== null) {
        const owner = await scope.staff.findById(inquiry.ownerId);
        throw new AlreadyClaimedError(inquiry.registryNumber, inquiry.ownerId, owner ? fullName(owner) : '?');
      }
      assertCan(inquiry, 'claim');
      inquiry.ownerId = staffId;
      inquiry.status = 'claimed';
      return [{ type: 'claimed', ownerId: staffId }];
    });
  }

  /** Gives the inquiry back to the queue; owner or manager only, audited. */
  release(inquiryId: string, staffId: string): Promise<Inquiry> {
    return this.change(inquiryId, staffId, async (_scope, inquiry, actor) => {
      assertCan(inquiry, 'release');
      assertOwnerOrSupervisor(inquiry, actor, 'release');
      const previousOwnerId = inquiry.ownerId!;
      inquiry.ownerId = null;
      inquiry.status = 'new';
      return [{ type: 'released', previousOwnerId }];
    });
  }

  /** R4.owner: handover to another representative is explicit and audited. */
  handOver(inquiryId: string, staffId: string, toStaffId: string): Promise<Inquiry> {
    return this.change(inquiryId, staffId, async (scope, inquiry, actor) => {
      assertCan(inquiry, 'hand_over');
      assertOwnerOrSupervisor(inquiry, actor, 'hand over');
      const successor = await requireStaff(scope, toStaffId);
      const fromId = inquiry.ownerId;
      inquiry.ownerId = successor.id;
      if (inquiry.status === 'new') inquiry.status = 'claimed';
      return [{ type: 'handed_over', fromId, toId: successor.id }];
    });
  }

  /** R14.reply-1wd: the first reply stops the reply reminder. */
  recordFirstReply(inquiryId: string, staffId: string): Promise<Inquiry> {
    return this.ownerAction(inquiryId, staffId, 'first_reply', (inquiry, now) => {
      if (inquiry.firstReplyAt !== null) return [];
      inquiry.firstReplyAt = now;
      if (inquiry.status === 'claimed') inquiry.status = 'in_progress';
      return [{ type: 'first_reply_sent' }];
    });
  }

  /** R14.holding-reply: the promised date becomes the resolution deadline; it counts as the first reply. */
  sendHoldingReply(inquiryId: string, staffId: string, promisedBy: Date): Promise<Inquiry> {
    return this.ownerAction(inquiryId, staffId, 'holding_reply', (inquiry, now) => {
      if (promisedBy.getTime() <= now.getTime()) {
        throw new DomainError('INQUIRY.PROMISE_INVALID', 'The promised date must be in the future', {
          registryNumber: inquiry.registryNumber,
        });
      }
      if (inquiry.statutoryDue !== null && promisedBy.getTime() > inquiry.statutoryDue.getTime()) {
        throw new DomainError('INQUIRY.PROMISE_INVALID', 'The promised date is later than the statutory deadline', {
          registryNumber: inquiry.registryNumber,
          statutoryDue: inquiry.statutoryDue.toISOString(),
        });
      }
      inquiry.promisedBy = promisedBy;
      inquiry.firstReplyAt ??= now;
      inquiry.status = 'in_progress';
      return [{ type: 'holding_reply_sent', promisedBy: promisedBy.toISOString() }];
    });
  }

  /**
   * R44.call-notes / R16.expectations: the post-call summary goes to the timeline as an internal note.
   * A call that reached the client settles a promised follow-up (R54).
   */
  async logCall(inquiryId: string, staffId: string, input: CallLogInput): Promise<Inquiry> {
    const call = parseInput(callLogSchema, input);
    return this.ownerAction(inquiryId, staffId, 'log_call', (inquiry) => {
      if (inquiry.status === 'claimed') inquiry.status = 'in_progress';
      if (call.outcome === 'reached') inquiry.followUpDue = null;
      return [{ type: 'call_logged', call: { ...call, nextStepDue: call.nextStepDue?.toISOString() ?? null } }];
    });
  }

  waitForClient(inquiryId: string, staffId: string): Promise<Inquiry> {
    return this.ownerAction(inquiryId, staffId, 'wait_for_client', (inquiry) => {
      inquiry.status = 'waiting_on_client';
      return [{ type: 'waiting_on_client' }];
    });
  }

  resolve(inquiryId: string, staffId: string): Promise<Inquiry> {
    return this.ownerAction(inquiryId, staffId, 'resolve', (inquiry, now) => {
      inquiry.status = 'resolved';
      inquiry.resolvedAt = now;
      return [{ type: 'resolved' }];
    });
  }

  close(inquiryId: string, staffId: string): Promise<Inquiry> {
    return this.ownerAction(inquiryId, staffId, 'close', (inquiry, now) => {
      inquiry.status = 'closed';
      inquiry.closedAt = now;
      return [{ type: 'closed' }];
    });
  }

  /** Back to work; an owned inquiry goes on with its owner, an unowned one back to the queue. */
  reopen(inquiryId: string, staffId: string, reason: string): Promise<Inquiry> {
    return this.change(inquiryId, staffId, async (_scope, inquiry, actor) => {
      assertCan(inquiry, 'reopen');
      assertOwnerOrSupervisor(inquiry, actor, 'reopen');
      inquiry.status = inquiry.ownerId === null ? 'new' : 'in_progress';
      inquiry.resolvedAt = null;
      inquiry.closedAt = null;
      return [{ type: 'reopened', reason }];
    });
  }

  /** Commands only the owner (or a supervisor) may give, from the statuses `action` allows. */
  private ownerAction(
    inquiryId: string,
    staffId: string,
    action: InquiryAction,
    apply: (inquiry: Inquiry, now: Date) => EventBody[],
  ): Promise<Inquiry> {
    return this.change(inquiryId, staffId, async (_scope, inquiry, actor, now) => {
      assertCan(inquiry, action);
      assertOwnerOrSupervisor(inquiry, actor, action.replace('_', ' '));
      return apply(inquiry, now);
    });
  }

  /** Locks the inquiry, applies one command, stores it with its events and any deadline change. */
  private change(
    inquiryId: string,
    staffId: string,
    apply: (scope: TransactionScope, inquiry: Inquiry, actor: StaffMember, now: Date) => Promise<EventBody[]>,
  ): Promise<Inquiry> {
    return this.unitOfWork.run(async (scope) => {
      const actor = await requireStaff(scope, staffId);
      const inquiry = await scope.inquiries.getForUpdate(inquiryId);
      if (!inquiry) throw new InquiryNotFoundError(inquiryId);
      const before = this.policy.schedule(inquiry);
      const events = await apply(scope, inquiry, actor, this.clock.now());
      if (events.length === 0) return inquiry;
      await scope.inquiries.update(inquiry);
      for (const event of events) await this.emit(scope, inquiry, actor.id, event);
      await this.emitScheduleChange(scope, inquiry, before);
      return inquiry;
    });
  }

  private emitScheduleChange(scope: TransactionScope, inquiry: Inquiry, before: DeadlineSchedule): Promise<void> {
    return emitScheduleChange(scope, this.policy, inquiry, before, this.clock.now());
  }

  /** Every event goes to the timeline (R12.records) and the outbox, in the command's transaction. */
  private async emit(scope: TransactionScope, inquiry: Inquiry, actorId: string | null, body: EventBody): Promise<void> {
    await emitEvent(scope, inquiry, actorId, body, this.clock.now());
  }
}

