import type { EventOf, InquiryEvent, InquiryEventType } from '../../domain/events.js';
import type { Notifier } from '../../domain/notifier.js';
import { fullName, type StaffMember } from '../../domain/staff.js';
import type { ChatPost } from '../core/chat-stores.js';
import { formatWhen } from '../core/format-time.js';
import { translate, type Language, type MessageKey } from '../core/i18n/index.js';
import type { PlatformContext } from '../platform.js';
import type { AdaptiveCard } from './cards/elements.js';
import { callLoggedCard, deadlineNoticeCard, escalationCard, headDecisionCard, inquiryNoticeCard, outcomeCard, threadNoteCard } from './cards/notice-cards.js';
import { PLATFORM } from './conversations.js';
import { cardActivity, type TeamsMessenger } from './messenger.js';
import type { InquiryViews } from './views.js';

const ANNOUNCEMENT = 'announcement';

/** Events after which the announcement is re-rendered in place from the current state. */
const RERENDER: ReadonlySet<InquiryEventType> = new Set<InquiryEventType>([
  'claimed', 'released', 'handed_over', 'first_reply_sent', 'holding_reply_sent', 'waiting_on_client', 'call_logged',
  'resolved', 'closed', 'reopened', 'escalation_taken_over', 'overdue',
]);

/**
 * Renders domain events in Teams. An outbox consumer: delivered at least once, in order per inquiry; a
 * connector failure is thrown so the outbox retries; a person with no Teams account is skipped.
 */
export class TeamsNotifier implements Notifier {
  readonly name = PLATFORM;

  constructor(
    private readonly context: PlatformContext,
    private readonly messenger: TeamsMessenger,
    private readonly views: InquiryViews,
  ) {}

  /** Scheduling and the mailer's own bookkeeping are not news in chat; a failed e-mail and a client's message are. */
  accepts(type: InquiryEventType): boolean {
    return type !== 'deadlines_changed' && type !== 'email_requested' && type !== 'email_sent';
  }

  async handle(event: InquiryEvent): Promise<void> {
    if (event.type === 'registered') return this.announce(event.inquiryId);
    if (RERENDER.has(event.type)) await this.rerender(event.inquiryId);
    switch (event.type) {
      case 'reminder_due':
        return this.deadlineNotice(event);
      case 'overdue':
        return this.deadlineNotice(event);
      case 'call_logged':
        return this.threadReply(event.inquiryId, callLoggedCard(event.call, this.views.channelLanguage));
      case 'escalated':
        return this.escalated(event);
      case 'client_message_received':
        return this.clientMessage(event);
      case 'email_failed':
        return this.emailFailed(event);
      case 'escalation_acknowledged':
        return this.escalationFollowUp(event.escalationId, 'notice.escalation.acknowledged', ['raiser']);
      case 'escalation_referred':
        return this.referred(event);
      case 'escalation_decided':
        return this.escalationFollowUp(
          event.escalationId,
          event.reportToAuthorities ? 'notice.escalation.decided.report' : 'notice.escalation.decided.no_report',
          ['manager', 'raiser'],
        );
      default:
        return;
    }
  }

  /** A redelivered `registered` updates the card it already posted instead of posting a second one. */
  private async announce(inquiryId: string): Promise<void> {
    const card = cardActivity(await this.views.announcement(inquiryId));
    const existing = await this.announcement(inquiryId);
    if (existing) return this.messenger.update(existing, card);
    const post = await this.messenger.postToChannel(card);
    if (post) await this.context.chatPosts.save(PLATFORM, inquiryId, ANNOUNCEMENT, post);
    else this.context.logger.warn({ inquiryId }, 'teams: no staff channel yet (add the app to a team); announcement skipped');
  }

  private async rerender(inquiryId: string): Promise<void> {
    const existing = await this.announcement(inquiryId);
    if (existing) await this.messenger.update(existing, cardActivity(await this.views.announcement(inquiryId)));
  }

  private announcement(inquiryId: string): Promise<ChatPost | null> {
    return this.context.chatPosts.find(PLATFORM, inquiryId, ANNOUNCEMENT);
  }

  private async threadReply(inquiryId: string, card: AdaptiveCard): Promise<void> {
    const post = await this.announcement(inquiryId);
    if (post) await this.messenger.replyInThread(post, cardActivity(card));
  }

  /** R14.reply-1wd and R4.owner: nudges and overdue notices; an unclaimed inquiry is announced again in its thread. */
  private async deadlineNotice(event: EventOf<'reminder_due'> | EventOf<'overdue'>): Promise<void> {
    const { config, clock } = this.context;
    const channelLanguage = this.views.channelLanguage;
    const overdue = event.type === 'overdue';
    if (overdue && event.deadline === 'claim') {
      return this.threadReply(event.inquiryId, threadNoteCard(translate(channelLanguage, 'notice.unclaimed', { number: event.registryNumber }), true));
    }
    if (event.deadline === 'claim') return;
    const key = `notice.${overdue ? 'overdue' : 'reminder'}.${event.deadline}` as MessageKey;
    const text = (language: Language) =>
      translate(language, key, { number: event.registryNumber, due: formatWhen(new Date(event.dueAt), language, clock.now(), config.TIME_ZONE) });
    const owner = event.recipientId ? await this.context.queries.staffMember(event.recipientId) : null;
    if (owner) {
      const { inquiry } = await this.views.snapshot(event.inquiryId);
      const offerMarkReplied = event.deadline === 'first_reply' && inquiry.firstReplyAt === null;
      await this.messenger.sendToPerson(owner.teamsUserId, cardActivity(deadlineNoticeCard(text(owner.language), inquiry.id, inquiry.subject, offerMarkReplied, owner.language, overdue)));
    }
    if (overdue) await this.threadReply(event.inquiryId, threadNoteCard(text(channelLanguage), true));
  }

  /**
   * R4.owner: the owner hears that the client wrote; with nobody owning the inquiry, its thread does. The
   * subject stands in for the message (the messaging service offers no read of the client's text).
   */
  private async clientMessage(event: EventOf<'client_message_received'>): Promise<void> {
    const { inquiry } = await this.views.snapshot(event.inquiryId);
    const text = (language: Language) => translate(language, 'notice.client_message', { number: inquiry.registryNumber, excerpt: excerpt(inquiry.subject) });
    const owner = event.ownerId ? await this.context.queries.staffMember(event.ownerId) : null;
    if (owner) {
      await this.messenger.sendToPerson(owner.teamsUserId, cardActivity(inquiryNoticeCard(text(owner.language), inquiry.id, owner.language)));
      return;
    }
    const channelLanguage = this.views.channelLanguage;
    await this.threadReply(event.inquiryId, inquiryNoticeCard(text(channelLanguage), inquiry.id, channelLanguage));
  }

  /** The sender learns their e-mail did not leave (no signature, refused, or still retrying). */
  private async emailFailed(event: EventOf<'email_failed'>): Promise<void> {
    const person = event.recipientId ? await this.context.queries.staffMember(event.recipientId) : null;
    if (!person) return;
    const text = translate(person.language, 'notice.email_failed', { number: event.registryNumber });
    await this.messenger.sendToPerson(person.teamsUserId, cardActivity(inquiryNoticeCard(text, event.inquiryId, person.language, true)));
  }

  /**
   * R54.escalate-unresolved / R58.incident: the manager gets the escalation with its buttons. With no manager,
   * or one Teams cannot reach, the raiser and every admin are told; the escalation stays pending in the database.
   */
  private async escalated(event: EventOf<'escalated'>): Promise<void> {
    const { clock, config, queries } = this.context;
    const snapshot = await queries.escalation(event.escalationId);
    const manager = snapshot.manager;
    if (manager) {
      const card = escalationCard(snapshot, manager.language, clock.now(), config.TIME_ZONE);
      if (await this.messenger.sendToPerson(manager.teamsUserId, cardActivity(card))) return;
    }
    const { raisedBy, inquiry } = snapshot;
    const number = inquiry.registryNumber;
    await this.tell(raisedBy, (language) => translate(language, 'notice.escalation.no_manager', { number }), number);
    for (const admin of await queries.staffWithRole('admin')) {
      if (admin.id === raisedBy.id) continue;
      await this.tell(admin, (language) => translate(language, 'notice.escalation.no_manager_admin', { raiser: fullName(raisedBy), number }), number);
    }
  }

  private async referred(event: EventOf<'escalation_referred'>): Promise<void> {
    const { clock, config, queries } = this.context;
    const snapshot = await queries.escalation(event.escalationId);
    for (const headId of event.headIds) {
      const head = await queries.staffMember(headId);
      if (!head) continue;
      await this.messenger.sendToPerson(head.teamsUserId, cardActivity(headDecisionCard(snapshot, head.language, clock.now(), config.TIME_ZONE)));
    }
  }

  private async escalationFollowUp(escalationId: string, key: MessageKey, recipients: Array<'manager' | 'raiser'>): Promise<void> {
    const { manager, raisedBy, inquiry } = await this.context.queries.escalation(escalationId);
    const managerName = manager ? fullName(manager) : '—';
    const people = recipients.map((role) => (role === 'manager' ? manager : raisedBy));
    const seen = new Set<string>();
    for (const person of people) {
      if (!person || seen.has(person.id)) continue;
      seen.add(person.id);
      await this.tell(person, (language) => translate(language, key, { manager: managerName, number: inquiry.registryNumber }), inquiry.registryNumber);
    }
  }

  private async tell(person: StaffMember, text: (language: Language) => string, registryNumber: string): Promise<void> {
    await this.messenger.sendToPerson(person.teamsUserId, cardActivity(outcomeCard(registryNumber, text(person.language))));
  }
}

/** A notice quotes at most a line of text; the rest is one click away. */
function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= 200 ? line : `${line.slice(0, 199)}…`;
}
