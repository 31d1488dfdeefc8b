import { clientChannelOf } from '../../../domain/answer-channel.js';
import type { EventOf } from '../../../domain/events.js';
import { canEmailClient, type Inquiry } from '../../../domain/inquiry.js';
import { fullName } from '../../../domain/staff.js';
import { formatWhen } from '../../core/format-time.js';
import { translate, type Language, type MessageKey } from '../../core/i18n/index.js';
import { letterUrl } from '../../core/inquiry-story.js';
import { publicUrl } from '../../core/story-loader.js';
import type { PlatformContext } from '../../platform.js';
import { openDialog, plain } from '../cards/elements.js';
import { inquiryNoticeCard } from '../cards/notice-cards.js';
import { targetDialog } from '../cards/story-card.js';
import { informOfferCard, letterCard } from '../cards/workflow-cards.js';
import type { DirectCards } from './direct-cards.js';

/** The procedure-workflow events this renders (chapters III–V). */
export const WORKFLOW_EVENTS = [
  'call_scheduled', 'callback_failed', 'meeting_planned', 'meeting_held', 'meeting_summary_sent', 'external_step_added',
  'external_decision_recorded', 'external_decisions_conflict', 'progress_recorded', 'client_informed', 'letter_issued',
] as const;
export type WorkflowEvent = EventOf<(typeof WORKFLOW_EVENTS)[number]>;

export function isWorkflowEvent(event: { type: string }): event is WorkflowEvent {
  return (WORKFLOW_EVENTS as readonly string[]).includes(event.type);
}

/**
 * Workflow events as 1:1 cards to whoever acts next, each with the button for that next step. Someone who
 * just did the thing themselves (and was answered by their dialog or click) is not told again.
 */
export class WorkflowNotices {
  constructor(
    private readonly context: PlatformContext,
    private readonly direct: DirectCards,
  ) {}

  async handle(event: WorkflowEvent): Promise<void> {
    switch (event.type) {
      case 'call_scheduled':
        return this.toOwnerIfOther(event, (language) => this.t(language, 'teams.notice.call_scheduled', event, { when: this.when(event.callAt, language) }));
      case 'callback_failed':
        return this.callbackFailed(event);
      case 'meeting_planned':
        return this.meetingPlanned(event);
      case 'meeting_held':
        return this.meetingHeld(event);
      case 'meeting_summary_sent': {
        const meeting = await this.context.meetings.get(event.meetingId);
        for (const person of unique([meeting.chairId, meeting.recorderId])) {
          if (person === event.actorId) continue;
          await this.direct.send(person, (language) => inquiryNoticeCard(this.t(language, 'notice.meeting_summary_sent', event), event.inquiryId, language));
        }
        return;
      }
      case 'external_step_added':
        return this.stepAdded(event);
      case 'external_decision_recorded':
        return this.offerToInform(event, event.noteId, event.decision);
      case 'progress_recorded':
        return this.offerToInform(event, event.noteId, event.note);
      case 'external_decisions_conflict':
        return this.decisionsConflict(event);
      case 'client_informed':
        return this.toOwnerIfOther(event, (language) => this.t(language, 'teams.notice.client_informed', event, { via: translate(language, `answer.${event.via}`) }));
      case 'letter_issued':
        return this.letterIssued(event);
    }
  }

  /**
   * R31.callback: the retry failed too. The owner gets the procedure's e-mail draft (in the client's language)
   * one click away; a client without e-mail gets a letter or another call instead.
   */
  private async callbackFailed(event: EventOf<'callback_failed'>): Promise<void> {
    const inquiry = await this.inquiry(event.inquiryId);
    const byEmail = canEmailClient(inquiry, this.context.capabilities);
    await this.direct.send(event.ownerId, (language) => {
      const t = (key: MessageKey) => translate(language, key);
      const actions = byEmail
        ? [openDialog(t('action.email_client'), 'reply_email', { inquiryId: inquiry.id, draft: 'missed_call' }, 'positive')]
        : [openDialog(t('action.write_letter'), 'write_letter', { inquiryId: inquiry.id }, 'positive'), openDialog(t('action.schedule_call'), 'schedule_call', { inquiryId: inquiry.id })];
      const text = this.t(language, byEmail ? 'notice.callback_failed' : 'notice.callback_failed.no_email', event);
      return inquiryNoticeCard(text, inquiry.id, language, { attention: true, actions });
    });
  }

  /** R45.meetings: chair and recorder hear of it; the recorder's button records the decisions afterwards. */
  private async meetingPlanned(event: EventOf<'meeting_planned'>): Promise<void> {
    const chair = await this.context.queries.staffMember(event.chairId);
    const recorder = await this.context.queries.staffMember(event.recorderId);
    for (const person of unique([event.chairId, event.recorderId])) {
      await this.direct.send(person, (language) => {
        const text = this.t(language, 'notice.meeting_planned', event, {
          when: this.when(event.startsAt, language),
          chair: chair ? fullName(chair) : '—',
          recorder: recorder ? fullName(recorder) : '—',
        });
        const actions = [targetDialog(translate(language, 'action.record_minutes'), 'record_minutes', event.inquiryId, event.meetingId)];
        return inquiryNoticeCard(text, event.inquiryId, language, { actions });
      });
    }
  }

  /** R48.meeting-summary-2wd: the recorder owes the client a summary within two working days. */
  private async meetingHeld(event: EventOf<'meeting_held'>): Promise<void> {
    await this.direct.send(event.recorderId, (language) =>
      inquiryNoticeCard(this.t(language, 'notice.meeting_held', event, { due: this.when(event.summaryDue, language) }), event.inquiryId, language, {
        actions: [targetDialog(translate(language, 'action.send_summary'), 'send_summary', event.inquiryId, event.meetingId, true)],
      }),
    );
  }

  /** R24.other-institution: the owner keeps the card with the button for when the institution decides. */
  private async stepAdded(event: EventOf<'external_step_added'>): Promise<void> {
    const inquiry = await this.inquiry(event.inquiryId);
    await this.direct.send(inquiry.ownerId, (language) =>
      inquiryNoticeCard(this.t(language, 'reply.step_added', event, { institution: event.institution, due: this.when(event.dueAt, language) }), inquiry.id, language, {
        details: [plain(event.what)],
        actions: [targetDialog(translate(language, 'action.record_decision'), 'record_decision', inquiry.id, event.stepId, true)],
      }),
    );
  }

  /** R19.status: whoever recorded the result or decision is offered to pass it on, in the client's channel. */
  private async offerToInform(event: EventOf<'external_decision_recorded'> | EventOf<'progress_recorded'>, noteId: string, recorded: string): Promise<void> {
    const via = clientChannelOf(await this.inquiry(event.inquiryId));
    await this.direct.send(event.actorId, (language) =>
      informOfferCard(this.t(language, 'notice.progress_offer', event, { via: translate(language, `answer.${via}`) }), recorded, event.inquiryId, noteId, language),
    );
  }

  /** R24.other-institution: conflicting decisions; the joint meeting's form opens with the institutions. */
  private async decisionsConflict(event: EventOf<'external_decisions_conflict'>): Promise<void> {
    await this.direct.send(event.ownerId, (language) =>
      inquiryNoticeCard(this.t(language, 'notice.external_conflict', event, { institutions: event.institutions.join(', ') }), event.inquiryId, language, {
        attention: true,
        actions: [openDialog(translate(language, 'action.plan_joint_meeting'), 'plan_meeting', { inquiryId: event.inquiryId, participants: event.institutions.join('\n') }, 'positive')],
      }),
    );
  }

  /** R55.same-channel: the author gets the link to the printable letter. */
  private async letterIssued(event: EventOf<'letter_issued'>): Promise<void> {
    const url = letterUrl(publicUrl(this.context), event.letterId);
    await this.direct.send(event.actorId, (language) => letterCard(this.t(language, 'reply.letter_issued', event), url, language));
  }

  private async toOwnerIfOther(event: WorkflowEvent, text: (language: Language) => string): Promise<void> {
    const inquiry = await this.inquiry(event.inquiryId);
    if (inquiry.ownerId === null || inquiry.ownerId === event.actorId) return;
    await this.direct.send(inquiry.ownerId, (language) => inquiryNoticeCard(text(language), inquiry.id, language));
  }

  private async inquiry(inquiryId: string): Promise<Inquiry> {
    return (await this.context.queries.get(inquiryId)).inquiry;
  }

  private t(language: Language, key: MessageKey, event: WorkflowEvent, params: Record<string, string> = {}): string {
    return translate(language, key, { number: event.registryNumber, ...params });
  }

  private when(iso: string, language: Language): string {
    return formatWhen(new Date(iso), language, this.context.clock.now(), this.context.config.TIME_ZONE);
  }
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
