import type { EventOf } from '../../../domain/events.js';
import { formatWhen } from '../../core/format-time.js';
import { translate } from '../../core/i18n/index.js';
import type { DirectMessages } from '../direct-messages.js';
import { reminderBlocks, noteMessage } from '../render/notice-blocks.js';
import type { SlackServices } from '../services.js';
import type { Announcements } from './announcements.js';

/** R14.reply-1wd and R4.owner: nudges before a deadline, overdue notices at it, re-announcements of unclaimed inquiries. */
export class DeadlineNotifier {
  constructor(
    private readonly services: SlackServices,
    private readonly announcements: Announcements,
    private readonly dms: DirectMessages,
  ) {}

  async reminder(event: EventOf<'reminder_due'>): Promise<void> {
    if (event.deadline === 'claim') return;
    await this.tellOwner(event.recipientId, event.inquiryId, 'reminder', event.deadline, event.dueAt);
  }

  async overdue(event: EventOf<'overdue'>): Promise<void> {
    const language = this.services.config.DEFAULT_LANGUAGE;
    await this.announcements.show(event.inquiryId);
    if (event.deadline === 'claim') {
      await this.announcements.reply(event.inquiryId, noteMessage(translate(language, 'notice.unclaimed', { number: event.registryNumber })));
      return;
    }
    await this.tellOwner(event.recipientId, event.inquiryId, 'overdue', event.deadline, event.dueAt);
    const due = new Date(event.dueAt);
    const text = translate(language, `notice.overdue.${event.deadline}`, {
      number: event.registryNumber,
      due: formatWhen(due, language, this.services.clock.now(), this.services.config.TIME_ZONE),
    });
    await this.announcements.reply(event.inquiryId, noteMessage(text));
  }

  /** No owner, or an owner without Slack: the thread (overdue) is all there is. */
  private async tellOwner(recipientId: string | null, inquiryId: string, stage: 'reminder' | 'overdue', deadline: 'first_reply' | 'resolution' | 'follow_up', dueAt: string): Promise<void> {
    if (recipientId === null) return;
    const owner = await this.services.queries.staffMember(recipientId);
    if (!owner?.slackUserId || !owner.active) return;
    const { inquiry } = await this.services.queries.get(inquiryId);
    const reading = { language: owner.language, now: this.services.clock.now(), zone: this.services.config.TIME_ZONE };
    const { text, blocks } = reminderBlocks(inquiry, stage, deadline, new Date(dueAt), reading);
    await this.dms.send(owner.slackUserId, text, blocks);
  }
}
