import { randomUUID } from 'node:crypto';
import { changeInquiry, ownerCommand, type CommandContext, type EventBody } from './command-support.js';
import { DomainError } from './errors.js';
import { addExternalStepSchema, externalDecisionSchema, type AddExternalStepInput, type ExternalDecisionInput, type ExternalStep } from './external-step.js';
import type { Inquiry } from './inquiry.js';
import { earliest } from './meeting.js';
import type { TransactionScope } from './unit-of-work.js';
import { FIELD_REASONS, invalidField, parseInput } from './validation.js';

/** R24.other-institution: steps that wait on another institution, tracked like deadlines. */
export class ExternalStepService {
  constructor(private readonly context: CommandContext) {}

  async add(inquiryId: string, staffId: string, input: AddExternalStepInput): Promise<ExternalStep> {
    const details = parseInput(addExternalStepSchema, input);
    let step: ExternalStep | undefined;
    return changeInquiry(this.context, inquiryId, staffId, ownerCommand('external_step', async (scope, inquiry, actor, now) => {
      if (details.dueAt.getTime() <= now.getTime()) throw invalidField('dueAt', FIELD_REASONS.notInFuture);
      step = { id: randomUUID(), inquiryId, ...details, status: 'pending', decision: null, decidedAt: null, createdById: actor.id };
      await scope.externalSteps.insert(step);
      await trackEarliest(scope, inquiry);
      return [{ type: 'external_step_added', stepId: step.id, institution: step.institution, what: step.what, dueAt: step.dueAt.toISOString() }];
    })).then(() => step!);
  }

  /**
   * The institution decided. The decision is an intermediate result the client may be told of (R19.status);
   * a decision that conflicts with another institution's proposes a joint meeting with all of them.
   */
  async recordDecision(stepId: string, staffId: string, input: ExternalDecisionInput): Promise<ExternalStep> {
    const details = parseInput(externalDecisionSchema, input);
    let decided: ExternalStep | undefined;
    return this.inquiryOf(stepId).then((inquiryId) =>
      changeInquiry(this.context, inquiryId, staffId, ownerCommand('external_step', async (scope, inquiry, _actor, now) => {
        const step = await scope.externalSteps.getForUpdate(stepId);
        if (!step) throw notFound(stepId);
        if (step.status !== 'pending') {
          throw new DomainError('EXTERNAL_STEP.INVALID_TRANSITION', `The step with ${step.institution} is already decided`, { registryNumber: inquiry.registryNumber });
        }
        step.status = 'decided';
        step.decision = details.decision;
        step.decidedAt = now;
        await scope.externalSteps.update(step);
        decided = step;
        const steps = await trackEarliest(scope, inquiry);
        const events: EventBody[] = [
          { type: 'external_decision_recorded', stepId, noteId: randomUUID(), institution: step.institution, decision: step.decision },
        ];
        if (details.conflictsWithOthers) {
          const institutions = [...new Set(steps.filter((other) => other.status === 'decided').map((other) => other.institution))];
          events.push({ type: 'external_decisions_conflict', institutions, ownerId: inquiry.ownerId });
        }
        return events;
      })),
    ).then(() => decided!);
  }

  private async inquiryOf(stepId: string): Promise<string> {
    const step = await this.context.unitOfWork.run((scope) => scope.externalSteps.getForUpdate(stepId));
    if (!step) throw notFound(stepId);
    return step.inquiryId;
  }
}

/** The inquiry watches its earliest pending external step. */
async function trackEarliest(scope: TransactionScope, inquiry: Inquiry): Promise<ExternalStep[]> {
  const steps = await scope.externalSteps.listByInquiry(inquiry.id);
  inquiry.externalStepDue = earliest(steps.filter((step) => step.status === 'pending').map((step) => step.dueAt));
  return steps;
}

function notFound(stepId: string): DomainError {
  return new DomainError('EXTERNAL_STEP.NOT_FOUND', `External step ${stepId} was not found`, { stepId });
}
