import type { DeadlineKind, EventOf } from '../../../domain/events.js';
import { isRetryCall } from '../../../domain/inquiry.js';
import type { InquirySnapshot } from '../../../domain/inquiry.queries.js';
import { formatWhen } from '../../core/format-time.js';
import { translate, type Language } from '../../core/i18n/index.js';
import { pendingStepDue } from '../../../domain/external-step.js';
import { meetingOwingSummary } from '../../../domain/meeting.js';
import { storyOf } from '../../core/story-loader.js';
import type { DirectMessages } from '../direct-messages.js';
import { noteMessage, reminderBlocks, type ReminderExtras } from '../render/notice-blocks.js';
import { clip } from '../render/text.js';
import { inquiryButton, partButton } from '../render/workflow-notice-blocks.js';
import type { SlackServices } from '../services.js';
import type { Announcements } from './announcements.js';

/** A reminder shows the recent history in a few short lines, not the whole story. */
const RECENT_CALLS = 3;
const RECENT_ENTRIES = 5;
const LINE_LENGTH = 300;

/**
 * R14.reply-1wd and R4.owner: nudges before a deadline, overdue notices at it, re-announcements of unclaimed
 * inquiries. The workflow deadlines come with the button that meets them: a planned call (R29, R31) with its
 * plan and recent history and Log call, a meeting summary (R48) with Send summary, an external step (R24)
 * with Record decision.
 */
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

  /** The recipient (the owner; for a meeting summary its recorder, or its chair when late); nobody on Slack → the thread is all there is. */
  private async tellOwner(recipientId: string | null, inquiryId: string, stage: 'reminder' | 'overdue', deadline: Exclude<DeadlineKind, 'claim'>, dueAt: string): Promise<void> {
    if (recipientId === null) return;
    const recipient = await this.services.queries.staffMember(recipientId);
    if (!recipient?.slackUserId || !recipient.active) return;
    const snapshot = await this.services.queries.get(inquiryId);
    const reading = { language: recipient.language, now: this.services.clock.now(), zone: this.services.config.TIME_ZONE };
    const extras = await this.extras(snapshot, deadline, dueAt, recipient.language);
    const { text, blocks } = reminderBlocks(snapshot.inquiry, stage, deadline, new Date(dueAt), reading, extras);
    await this.dms.send(recipient.slackUserId, text, blocks);
  }

  private async extras(snapshot: InquirySnapshot, deadline: Exclude<DeadlineKind, 'claim'>, dueAt: string, language: Language): Promise<ReminderExtras> {
    const { inquiry } = snapshot;
    const none: ReminderExtras = { buttons: [], facts: [], lines: [] };
    switch (deadline) {
      case 'first_reply':
        return inquiry.firstReplyAt === null ? { ...none, buttons: [inquiryButton('mark_replied', inquiry.id, language, 'primary')] } : none;
      case 'call':
        return this.callExtras(snapshot, language);
      case 'meeting_summary': {
        const owed = meetingOwingSummary(snapshot.meetings, new Date(dueAt));
        return owed ? { ...none, buttons: [partButton('send_summary', inquiry.id, owed.id, language, 'primary')] } : none;
      }
      case 'external_step': {
        const step = pendingStepDue(snapshot.externalSteps, new Date(dueAt));
        return step
          ? { buttons: [partButton('record_decision', inquiry.id, step.id, language, 'primary')], facts: [[step.institution, step.what]], lines: [] }
          : none;
      }
      default:
        return none;
    }
  }

  /** R29.agreed-time: the call plan and the recent history at hand; R31.callback: a retry says so. */
  private async callExtras(snapshot: InquirySnapshot, language: Language): Promise<ReminderExtras> {
    const { inquiry } = snapshot;
    const story = await storyOf(this.services, snapshot, language);
    // Sections carry their catalogue title; the calls section is the one titled so.
    const calls = story.sections.find((section) => section.id === 'calls')?.lines ?? [];
    const recent = [...calls.slice(-RECENT_CALLS), ...story.timeline.slice(-RECENT_ENTRIES)].map((line) => ({ ...line, text: clip(line.text, LINE_LENGTH) }));
    const retry = isRetryCall(inquiry) ? [{ text: translate(language, 'notice.call.retry'), internal: false }] : [];
    return {
      buttons: [inquiryButton('log_call', inquiry.id, language, 'primary')],
      facts: [[translate(language, 'notice.call.plan'), inquiry.nextCall?.plan ?? '']],
      lines: [...retry, ...recent],
    };
  }
}
