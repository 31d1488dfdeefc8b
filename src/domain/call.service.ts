import { callLogSchema, isMissed, scheduleCallSchema, type CallLogInput, type ScheduleCallInput } from './call-log.js';
import { changeInquiry, ownerCommand, type CommandContext, type EventBody } from './command-support.js';
import type { Inquiry } from './inquiry.js';
import { FIELD_REASONS, invalidField, parseInput } from './validation.js';

/** Calls with the client: at an agreed time (R29), their summaries (R44, R16) and retries after a miss (R31). */
export class CallService {
  constructor(private readonly context: CommandContext) {}

  /** R29.agreed-time: the owner is reminded shortly before, with the history and this plan. */
  async scheduleCall(inquiryId: string, staffId: string, input: ScheduleCallInput): Promise<Inquiry> {
    const call = parseInput(scheduleCallSchema, input);
    return changeInquiry(this.context, inquiryId, staffId, ownerCommand('plan_call', async (_scope, inquiry, _actor, now) => {
      if (call.at.getTime() <= now.getTime()) throw invalidField('at', FIELD_REASONS.notInFuture);
      inquiry.nextCall = { at: call.at, plan: call.plan, purpose: 'agreed' };
      return [{ type: 'call_scheduled', callAt: call.at.toISOString(), plan: call.plan, purpose: 'agreed' }];
    }));
  }

  /**
   * R44.call-notes: the post-call summary goes to the timeline as an internal note; a call that reached the
   * client settles a promised follow-up (R54). R31.callback: a first miss must name a retry no sooner than the
   * policy allows; a miss of the retry prompts the owner to e-mail the client instead.
   */
  async logCall(inquiryId: string, staffId: string, input: CallLogInput): Promise<Inquiry> {
    const call = parseInput(callLogSchema, input);
    return changeInquiry(this.context, inquiryId, staffId, ownerCommand('log_call', async (_scope, inquiry, _actor, now) => {
      // R44.call-notes / R16.expectations: the next step is promised for a time still to come.
      if (call.nextStepDue !== null && call.nextStepDue.getTime() <= now.getTime()) throw invalidField('nextStepDue', FIELD_REASONS.notInFuture);
      const events: EventBody[] = [
        { type: 'call_logged', call: { ...call, nextStepDue: call.nextStepDue?.toISOString() ?? null }, attempt: inquiry.missedCalls + 1 },
      ];
      if (inquiry.status === 'claimed') inquiry.status = 'in_progress';
      const plan = inquiry.nextCall?.plan ?? '';
      inquiry.nextCall = null;
      if (!isMissed(call.outcome)) {
        inquiry.missedCalls = 0;
        inquiry.followUpDue = null;
        return events;
      }
      const firstMiss = inquiry.missedCalls === 0;
      if (call.retryAt === null && firstMiss) throw invalidField('retryAt', 'required');
      if (call.retryAt !== null && call.retryAt.getTime() < this.context.policy.earliestRetry(now).getTime()) {
        throw invalidField('retryAt', FIELD_REASONS.tooSoon, { minutes: this.context.policy.options.callbackMinMinutes });
      }
      inquiry.missedCalls += 1;
      if (!firstMiss) events.push({ type: 'callback_failed', attempts: inquiry.missedCalls, ownerId: inquiry.ownerId });
      if (call.retryAt !== null) {
        inquiry.nextCall = { at: call.retryAt, plan, purpose: 'retry' };
        events.push({ type: 'call_scheduled', callAt: call.retryAt.toISOString(), plan, purpose: 'retry' });
      }
      return events;
    }));
  }
}
