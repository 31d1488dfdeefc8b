import type { Agenda } from 'agenda';
import { DEADLINE_KINDS, type InquiryEvent, type InquiryEventType } from '../domain/events.js';
import type { EventConsumer } from '../domain/notifier.js';
import { DEADLINE_NOTICE_JOB, type DeadlineNoticePayload } from './deadline-notice.job.js';

/**
 * Turns the domain's `deadlines_changed` events (from the outbox, so never lost) into agenda jobs:
 * a reminder (where the deadline has one), an overdue job, and an escalation (where it goes up) per (inquiry, deadline);
 * moved when the deadline moves, removed when met.
 */
export class DeadlineScheduler implements EventConsumer {
  readonly name = 'scheduler';

  constructor(private readonly agenda: Agenda) {}

  accepts(type: InquiryEventType): boolean {
    return type === 'deadlines_changed';
  }

  async handle(event: InquiryEvent): Promise<void> {
    if (event.type !== 'deadlines_changed') return;
    for (const deadline of DEADLINE_KINDS) {
      // Removing first keeps a stale job from a moved deadline from lingering; a repeat of this event does the same again.
      await this.agenda.cancel({ name: DEADLINE_NOTICE_JOB, data: { inquiryId: event.inquiryId, deadline } });
      const watched = event.schedule[deadline];
      if (!watched) continue;
      if (watched.remindAt !== null) {
        await this.schedule({ inquiryId: event.inquiryId, deadline, stage: 'reminder', dueAt: watched.dueAt }, watched.remindAt);
      }
      if (watched.overdue !== false) {
        await this.schedule({ inquiryId: event.inquiryId, deadline, stage: 'overdue', dueAt: watched.dueAt }, watched.dueAt);
      }
      if (watched.escalateAt !== undefined) {
        await this.schedule({ inquiryId: event.inquiryId, deadline, stage: 'escalate', dueAt: watched.dueAt }, watched.escalateAt);
      }
    }
  }

  private async schedule(payload: DeadlineNoticePayload, runAt: string): Promise<void> {
    await this.agenda
      .create(DEADLINE_NOTICE_JOB, payload)
      .unique({ 'data.inquiryId': payload.inquiryId, 'data.deadline': payload.deadline, 'data.stage': payload.stage })
      .schedule(new Date(runAt))
      .save();
  }
}
