import { randomUUID } from 'node:crypto';
import { assertAnsweredInSameChannel } from './answer-channel.js';
import type { Clock } from './clock.js';
import type { DeadlinePolicy } from './deadline-policy.js';
import {
  answerFirst,
  assertOwnerOrSupervisor,
  changeInquiry,
  emitEvent,
  emitScheduleChange,
  ownerCommand,
  requireStaff,
  type CommandStep,
  type EventBody,
} from './command-support.js';
import { AlreadyClaimedError, DomainError } from './errors.js';
import type { DeadlineSchedule } from './events.js';
import { assertCan, isClaimedBy, type Inquiry, type InquiryAction } from './inquiry.js';
import { DuplicateExternalIdError } from './inquiry.repository.js';
import { recordProgressSchema, registerInquirySchema, type RecordProgressInput, type RegisterInquiryInput } from './inquiry.schemas.js';
import { fullName } from './staff.js';
import type { TransactionScope, UnitOfWork } from './unit-of-work.js';
import { FIELD_REASONS, parseInput } from './validation.js';


export interface RegistrationResult {
  inquiry: Inquiry;
  /** False when the same message was registered before (R15.register). */
  created: boolean;
}

/** The commands of the procedure on one inquiry; each runs in one transaction with its events. */
export class InquiryService {
  constructor(
    readonly unitOfWork: UnitOfWork,
    readonly policy: DeadlinePolicy,
    readonly clock: Clock,
  ) {}

  /**
   * R15.register: registers once per (channel, external id); a re-delivery returns the first registration. The
   * registry number is taken last, as the transaction commits (`insertNumbered`), so registrations queue for the
   * year's counter only for that moment.
   */
  async register(input: RegisterInquiryInput): Promise<RegistrationResult> {
    const command = parseInput(registerInquirySchema, input);
    try {
      return await this.unitOfWork.run(async (scope) => {
        if (command.externalId !== null) {
          const existing = await scope.inquiries.findByExternalId(command.channel, command.externalId);
          if (existing) return { inquiry: existing, created: false };
        }
        if (command.registeredById !== null) await requireStaff(scope, command.registeredById);
        const year = Number(this.policy.calendar.localDate(command.receivedAt).slice(0, 4));
        const inquiry = await scope.inquiries.insertNumbered(
          {
            id: randomUUID(),
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
            nextCall: null,
            missedCalls: 0,
            meetingSummaryDue: null,
            externalStepDue: null,
          },
          year,
        );
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

  /**
   * R4.owner: exclusive — the loser gets a coded error naming the winner. A claim by the current owner
   * (a double click, a platform's retry) changes nothing: no error, no event, no timeline row.
   */
  claim(inquiryId: string, staffId: string): Promise<Inquiry> {
    return this.change(inquiryId, staffId, async (scope, inquiry) => {
      if (isClaimedBy(inquiry, staffId)) return [];
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

  /**
   * R4.owner: handover to another (active) colleague is explicit and audited — by the owner, or by a manager (the
   * owner's own or any other, the head, an admin), who may also take it over by handing it to themselves. Handing
   * it to its owner changes nothing: no event, no timeline row (a repeated Take over is answered alike).
   */
  handOver(inquiryId: string, staffId: string, toStaffId: string): Promise<Inquiry> {
    return this.change(inquiryId, staffId, async (scope, inquiry, actor) => {
      assertCan(inquiry, 'hand_over');
      assertOwnerOrSupervisor(inquiry, actor, 'hand over');
      const successor = await requireStaff(scope, toStaffId);
      if (isClaimedBy(inquiry, successor.id)) return [];
      const fromId = inquiry.ownerId;
      inquiry.ownerId = successor.id;
      if (inquiry.status === 'new') inquiry.status = 'claimed';
      return [{ type: 'handed_over', fromId, toId: successor.id }];
    });
  }

  /** R14.reply-1wd: the first reply stops the reply reminder. */
  recordFirstReply(inquiryId: string, staffId: string): Promise<Inquiry> {
    return this.ownerAction(inquiryId, staffId, 'first_reply', (inquiry, now) => answerFirst(inquiry, now));
  }

  /** R14.holding-reply: the promised date becomes the resolution deadline; it counts as the first reply. */
  sendHoldingReply(inquiryId: string, staffId: string, promisedBy: Date): Promise<Inquiry> {
    return this.ownerAction(inquiryId, staffId, 'holding_reply', (inquiry, now) => {
      if (promisedBy.getTime() <= now.getTime()) {
        throw new DomainError('INQUIRY.PROMISE_INVALID', 'The promised date must be in the future', {
          registryNumber: inquiry.registryNumber,
          reason: FIELD_REASONS.notInFuture,
        });
      }
      if (inquiry.statutoryDue !== null && promisedBy.getTime() > inquiry.statutoryDue.getTime()) {
        throw new DomainError('INQUIRY.PROMISE_INVALID', 'The promised date is later than the statutory deadline', {
          registryNumber: inquiry.registryNumber,
          reason: FIELD_REASONS.afterStatutoryDeadline,
          statutoryDue: inquiry.statutoryDue.toISOString(),
        });
      }
      inquiry.promisedBy = promisedBy;
      inquiry.firstReplyAt ??= now;
      inquiry.status = 'in_progress';
      return [{ type: 'holding_reply_sent', promisedBy: promisedBy.toISOString() }];
    });
  }

  waitForClient(inquiryId: string, staffId: string): Promise<Inquiry> {
    return this.ownerAction(inquiryId, staffId, 'wait_for_client', (inquiry) => {
      inquiry.status = 'waiting_on_client';
      return [{ type: 'waiting_on_client' }];
    });
  }

  /** R55.same-channel: a complaint is resolved only once answered the way it came. */
  resolve(inquiryId: string, staffId: string): Promise<Inquiry> {
    return this.change(inquiryId, staffId, ownerCommand('resolve', async (scope, inquiry, _actor, now) => {
      assertAnsweredInSameChannel(inquiry, await scope.inquiries.timeline(inquiry.id));
      inquiry.status = 'resolved';
      inquiry.resolvedAt = now;
      return [{ type: 'resolved' }];
    }));
  }

  /** R55.same-channel: checked again, as the answer may have been withdrawn by a reopen and a new resolve path. */
  close(inquiryId: string, staffId: string): Promise<Inquiry> {
    return this.change(inquiryId, staffId, ownerCommand('close', async (scope, inquiry, _actor, now) => {
      assertAnsweredInSameChannel(inquiry, await scope.inquiries.timeline(inquiry.id));
      inquiry.status = 'closed';
      inquiry.closedAt = now;
      return [{ type: 'closed' }];
    }));
  }

  /** R19.status: an intermediate result or decision, which the owner is then offered to pass on to the client. */
  async recordProgress(inquiryId: string, staffId: string, input: RecordProgressInput): Promise<Inquiry> {
    const progress = parseInput(recordProgressSchema, input);
    return this.ownerAction(inquiryId, staffId, 'record_progress', () => [
      { type: 'progress_recorded', noteId: randomUUID(), note: progress.note, stage: progress.stage },
    ]);
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
    return this.change(inquiryId, staffId, ownerCommand(action, async (_scope, inquiry, _actor, now) => apply(inquiry, now)));
  }

  private change(inquiryId: string, staffId: string, apply: CommandStep<TransactionScope>): Promise<Inquiry> {
    return changeInquiry(this, inquiryId, staffId, apply);
  }

  private emitScheduleChange(scope: TransactionScope, inquiry: Inquiry, before: DeadlineSchedule): Promise<void> {
    return emitScheduleChange(scope, this.policy, inquiry, before, this.clock.now());
  }

  /** Every event goes to the timeline (R12.records) and the outbox, in the command's transaction. */
  private async emit(scope: TransactionScope, inquiry: Inquiry, actorId: string | null, body: EventBody): Promise<void> {
    await emitEvent(scope, inquiry, actorId, body, this.clock.now());
  }
}

