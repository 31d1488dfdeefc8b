import type { EventOf } from '../../../domain/events.js';
import { isRetryCall } from '../../../domain/inquiry.js';
import type { InquirySnapshot } from '../../../domain/inquiry.queries.js';
import { formatWhen } from '../../core/format-time.js';
import { translate, type Language, type MessageKey } from '../../core/i18n/index.js';
import { pendingStepDue } from '../../../domain/external-step.js';
import { meetingOwingSummary } from '../../../domain/meeting.js';
import { storyOf } from '../../core/story-loader.js';
import type { PlatformContext } from '../../platform.js';
import { execute, note, openDialog, plain, type CardElement } from '../cards/elements.js';
import { INQUIRY_VERBS } from '../cards/inquiry-cards.js';
import { deadlineNoticeCard, threadNoteCard, type DeadlineNoticeParts } from '../cards/notice-cards.js';
import { storyLine, targetDialog } from '../cards/story-card.js';
import type { Announcements } from './announcements.js';
import type { DirectCards } from './direct-cards.js';

type DeadlineEvent = EventOf<'reminder_due'> | EventOf<'overdue'>;

/** How much of the story a call reminder brings along: the last calls and the latest entries. */
const RECENT_CALLS = 3;
const RECENT_ENTRIES = 5;

/**
 * Nudges and overdue notices in the recipient's 1:1 chat, each with the button that meets its deadline
 * (R14.reply-1wd, R29, R31, R48, R24); an overdue one is also told in the announcement's thread, and an
 * inquiry nobody claimed is announced there again (R4.owner).
 */
export class DeadlineNotices {
  constructor(
    private readonly context: PlatformContext,
    private readonly direct: DirectCards,
    private readonly announcements: Announcements,
  ) {}

  async handle(event: DeadlineEvent): Promise<void> {
    const { config, clock } = this.context;
    const channelLanguage = this.context.config.DEFAULT_LANGUAGE;
    const overdue = event.type === 'overdue';
    if (event.deadline === 'claim') {
      if (!overdue) return;
      return this.announcements.reply(event.inquiryId, threadNoteCard(translate(channelLanguage, 'notice.unclaimed', { number: event.registryNumber }), true));
    }
    const key = `notice.${overdue ? 'overdue' : 'reminder'}.${event.deadline}` as MessageKey;
    const text = (language: Language) =>
      translate(language, key, { number: event.registryNumber, due: formatWhen(new Date(event.dueAt), language, clock.now(), config.TIME_ZONE) });
    if (event.recipientId) {
      const snapshot = await this.context.queries.get(event.inquiryId);
      await this.direct.send(event.recipientId, async (language) =>
        deadlineNoticeCard(text(language), snapshot.inquiry.id, snapshot.inquiry.subject, await this.parts(event, snapshot, language), language, overdue),
      );
    }
    if (overdue) await this.announcements.reply(event.inquiryId, threadNoteCard(text(channelLanguage), true));
  }

  /** The facts and buttons for this kind of deadline; a button only where there is something to act on. */
  private async parts(event: DeadlineEvent, snapshot: InquirySnapshot, language: Language): Promise<DeadlineNoticeParts> {
    const t = (key: MessageKey) => translate(language, key);
    const { inquiry } = snapshot;
    switch (event.deadline) {
      case 'first_reply':
        return {
          details: [],
          actions: inquiry.firstReplyAt === null ? [execute(t('action.mark_replied'), INQUIRY_VERBS.mark_replied, { inquiryId: inquiry.id, view: 'notice' }, 'positive')] : [],
        };
      case 'call':
        return { details: await this.callBriefing(snapshot, language), actions: [openDialog(t('action.log_call'), 'log_call', { inquiryId: inquiry.id }, 'positive')] };
      case 'meeting_summary': {
        const meeting = meetingOwingSummary(snapshot.meetings, new Date(event.dueAt));
        return { details: [], actions: meeting ? [targetDialog(t('action.send_summary'), 'send_summary', inquiry.id, meeting.id, true)] : [] };
      }
      case 'external_step': {
        const step = pendingStepDue(snapshot.externalSteps, new Date(event.dueAt));
        if (!step) return { details: [], actions: [] };
        return {
          details: [plain(step.what, { label: step.institution })],
          actions: [targetDialog(t('action.record_decision'), 'record_decision', inquiry.id, step.id, true)],
        };
      }
      default:
        return { details: [], actions: [] };
    }
  }

  /** R29.agreed-time / R31.callback: the plan for the call, whether it is a retry, and what happened lately. */
  private async callBriefing(snapshot: InquirySnapshot, language: Language): Promise<CardElement[]> {
    const t = (key: MessageKey) => translate(language, key);
    const call = snapshot.inquiry.nextCall;
    const story = await storyOf(this.context, snapshot, language);
    const calls = story.sections.find((section) => section.id === 'calls')?.lines ?? [];
    return [
      ...(isRetryCall(snapshot.inquiry) ? [note(t('notice.call.retry'), { color: 'warning' })] : []),
      ...(call?.plan ? [plain(call.plan, { label: t('notice.call.plan') })] : []),
      ...(calls.length > 0 ? [note(t('story.calls'), { subtle: true }), ...calls.slice(-RECENT_CALLS).map(storyLine)] : []),
      note(t('teams.notice.recent'), { subtle: true }),
      ...story.timeline.slice(-RECENT_ENTRIES).map(storyLine),
    ];
  }
}
