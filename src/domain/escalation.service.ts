import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.js';
import type { DeadlinePolicy } from './deadline-policy.js';
import { DomainError, InquiryNotFoundError, NotAllowedError } from './errors.js';
import { headDecisionSchema, raiseEscalationSchema, type Escalation, type EscalationStatus, type HeadDecisionInput, type RaiseEscalationInput } from './escalation.js';
import type { DeadlineSchedule } from './events.js';
import { assertCan, type Inquiry } from './inquiry.js';
import { assertOwnerOrSupervisor, emitEvent, emitScheduleChange, requireStaff, type EventBody } from './command-support.js';
import { hasRole, type StaffMember } from './staff.js';
import type { TransactionScope, UnitOfWork } from './unit-of-work.js';
import { FIELD_REASONS, invalidField, parseInput } from './validation.js';

/**
 * R54.escalate-unresolved and R58.incident: a representative hands a conflict or an incident to their
 * direct manager, who acknowledges it, takes the inquiry over, or (incidents) refers it to the head.
 */
export class EscalationService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: DeadlinePolicy,
    private readonly clock: Clock,
  ) {}

  /** Raises an escalation to the raiser's direct manager; with no manager it is still stored, pending. */
  async raise(inquiryId: string, staffId: string, input: RaiseEscalationInput): Promise<Escalation> {
    const details = parseInput(raiseEscalationSchema, input);
    return this.unitOfWork.run(async (scope) => {
      const actor = await requireStaff(scope, staffId);
      const inquiry = await lockInquiry(scope, inquiryId);
      assertCan(inquiry, 'escalate');
      assertOwnerOrSupervisor(inquiry, actor, 'escalate');
      const now = this.clock.now();
      // R54.escalate-unresolved: the follow-up promised to the client is still to come.
      if (details.followUpAt !== null && details.followUpAt.getTime() <= now.getTime()) throw invalidField('followUpAt', FIELD_REASONS.notInFuture);
      const escalation: Escalation = {
        id: randomUUID(),
        inquiryId,
        type: details.type,
        raisedById: actor.id,
        managerId: actor.managerId,
        whatHappened: details.whatHappened,
        clientToldWhat: details.clientToldWhat,
        followUpAt: details.followUpAt,
        status: 'pending',
        raisedAt: now,
        reportedToAuthorities: null,
        decisionNote: null,
      };
      await scope.escalations.insert(escalation);
      const before = this.policy.schedule(inquiry);
      if (details.followUpAt !== null) {
        inquiry.followUpDue = details.followUpAt;
        await scope.inquiries.update(inquiry);
      }
      await this.emit(scope, inquiry, actor.id, {
        type: 'escalated',
        escalationId: escalation.id,
        escalationType: escalation.type,
        managerId: escalation.managerId,
        followUpAt: escalation.followUpAt?.toISOString() ?? null,
      });
      await this.emitScheduleChange(scope, inquiry, before);
      return escalation;
    });
  }

  acknowledge(escalationId: string, staffId: string): Promise<Escalation> {
    return this.decide(escalationId, staffId, ['pending'], async (_scope, escalation, inquiry, actor) => {
      assertRecipient(escalation, actor);
      escalation.status = 'acknowledged';
      return [inquiry, { type: 'escalation_acknowledged', escalationId: escalation.id }];
    });
  }

  /** The manager becomes the inquiry's owner (an audited handover, R4.owner). */
  takeOver(escalationId: string, staffId: string): Promise<Escalation> {
    return this.decide(escalationId, staffId, ['pending', 'acknowledged'], async (scope, escalation, inquiry, actor) => {
      assertRecipient(escalation, actor);
      escalation.status = 'taken_over';
      const fromId = inquiry.ownerId;
      inquiry.ownerId = actor.id;
      await scope.inquiries.update(inquiry);
      await this.emit(scope, inquiry, actor.id, { type: 'handed_over', fromId, toId: actor.id, escalationId: escalation.id });
      return [inquiry, { type: 'escalation_taken_over', escalationId: escalation.id, managerId: actor.id }];
    });
  }

  /** R58.incident: only incidents go to the head. */
  referToHead(escalationId: string, staffId: string): Promise<Escalation> {
    return this.decide(escalationId, staffId, ['pending', 'acknowledged'], async (scope, escalation, inquiry, actor) => {
      assertRecipient(escalation, actor);
      if (escalation.type !== 'incident') throw invalid(escalation, 'refer a conflict to the head');
      const heads = await scope.staff.listByRole('head');
      if (heads.length === 0) throw new DomainError('ESCALATION.NO_HEAD', 'No head of the institution is registered', { escalationId });
      escalation.status = 'referred_to_head';
      return [inquiry, { type: 'escalation_referred', escalationId: escalation.id, headIds: heads.map((head) => head.id) }];
    });
  }

  /** R58.incident: the head's decision whether to report to the competent authorities is recorded. */
  async recordHeadDecision(escalationId: string, staffId: string, input: HeadDecisionInput): Promise<Escalation> {
    const decision = parseInput(headDecisionSchema, input);
    return this.decide(escalationId, staffId, ['referred_to_head'], async (_scope, escalation, inquiry, actor) => {
      if (!hasRole(actor, 'head')) throw new NotAllowedError('decide on an incident', 'head');
      escalation.status = 'decided';
      escalation.reportedToAuthorities = decision.reportToAuthorities;
      escalation.decisionNote = decision.note;
      return [
        inquiry,
        { type: 'escalation_decided', escalationId: escalation.id, reportToAuthorities: decision.reportToAuthorities, note: decision.note },
      ];
    });
  }

  private decide(
    escalationId: string,
    staffId: string,
    from: readonly EscalationStatus[],
    apply: (scope: TransactionScope, escalation: Escalation, inquiry: Inquiry, actor: StaffMember) => Promise<[Inquiry, EventBody]>,
  ): Promise<Escalation> {
    return this.unitOfWork.run(async (scope) => {
      const actor = await requireStaff(scope, staffId);
      const escalation = await scope.escalations.getForUpdate(escalationId);
      if (!escalation) throw new DomainError('ESCALATION.NOT_FOUND', `Escalation ${escalationId} was not found`, { escalationId });
      if (!from.includes(escalation.status)) throw invalid(escalation, 'do that now');
      const inquiry = await lockInquiry(scope, escalation.inquiryId);
      const [changed, event] = await apply(scope, escalation, inquiry, actor);
      await scope.escalations.update(escalation);
      await this.emit(scope, changed, actor.id, event);
      return escalation;
    });
  }

  private emitScheduleChange(scope: TransactionScope, inquiry: Inquiry, before: DeadlineSchedule): Promise<void> {
    return emitScheduleChange(scope, this.policy, inquiry, before, this.clock.now());
  }

  private emit(scope: TransactionScope, inquiry: Inquiry, actorId: string | null, body: EventBody): Promise<void> {
    return emitEvent(scope, inquiry, actorId, body, this.clock.now());
  }
}

async function lockInquiry(scope: TransactionScope, inquiryId: string): Promise<Inquiry> {
  const inquiry = await scope.inquiries.getForUpdate(inquiryId);
  if (!inquiry) throw new InquiryNotFoundError(inquiryId);
  return inquiry;
}

/** The escalation's manager acts on it; the head and admins may stand in (e.g. the manager is away). */
function assertRecipient(escalation: Escalation, actor: StaffMember): void {
  if (escalation.managerId === actor.id || hasRole(actor, 'head') || hasRole(actor, 'admin')) return;
  throw new DomainError('ESCALATION.NOT_RECIPIENT', 'Only the direct manager who received this escalation may act on it', {
    escalationId: escalation.id,
  });
}

function invalid(escalation: Escalation, action: string): DomainError {
  return new DomainError('ESCALATION.INVALID_TRANSITION', `Escalation is ${escalation.status}: cannot ${action}`, {
    escalationId: escalation.id,
    status: escalation.status,
  });
}
