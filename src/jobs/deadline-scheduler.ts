import type { InquiryEvent, InquiryEventType } from '../domain/events.js';
import type { EventConsumer } from '../domain/notifier.js';
import { plannedNotices, type NoticeQueue } from '../domain/notice-queue.js';
import type { WakeAt } from './notice-sweep.js';

/**
 * Turns the domain's `deadlines_changed` events (from the outbox, so never lost) into the inquiry's planned notices:
 * a reminder (where the deadline has one), an overdue notice, and an escalation (where it goes up) per deadline;
 * moved when the deadline moves, removed when met. A repeat of the event plans the same again.
 */
export class DeadlineScheduler implements EventConsumer {
  readonly name = 'scheduler';

  constructor(
    private readonly queue: NoticeQueue,
    private readonly wakeAt: WakeAt,
  ) {}

  accepts(type: InquiryEventType): boolean {
    return type === 'deadlines_changed';
  }

  async handle(event: InquiryEvent): Promise<void> {
    if (event.type !== 'deadlines_changed') return;
    const notices = plannedNotices(event.schedule);
    await this.queue.plan(event.inquiryId, notices);
    for (const at of new Set(notices.map((notice) => notice.runAt.getTime()))) await this.wakeAt(new Date(at));
  }
}
