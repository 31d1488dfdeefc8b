import type { EventOf, InquiryEvent, InquiryEventType } from '../../domain/events.js';
import type { Notifier } from '../../domain/notifier.js';
import { fullName, type StaffMember } from '../../domain/staff.js';
import { translate, type Language, type MessageKey } from '../core/i18n/index.js';
import type { PlatformContext } from '../platform.js';
import { callLoggedCard, escalationCard, headDecisionCard, inquiryNoticeCard, outcomeCard } from './cards/notice-cards.js';
import { PLATFORM } from './conversations.js';
import { cardActivity, type TeamsMessenger } from './messenger.js';
import { Announcements } from './notifier/announcements.js';
import { DeadlineNotices } from './notifier/deadline-notices.js';
import { DirectCards } from './notifier/direct-cards.js';
import { isWorkflowEvent, WorkflowNotices } from './notifier/workflow-notices.js';
import type { InquiryViews } from './views.js';

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
  private readonly announcements: Announcements;
  private readonly deadlines: DeadlineNotices;
  private readonly workflows: WorkflowNotices;

  constructor(
    private readonly context: PlatformContext,
    private readonly messenger: TeamsMessenger,
    views: InquiryViews,
  ) {
    const direct = new DirectCards(context, messenger);
    this.announcements = new Announcements(context, messenger, views);
    this.deadlines = new DeadlineNotices(context, direct, this.announcements);
    this.workflows = new WorkflowNotices(context, direct);
  }

  /** Scheduling and the mailer's own bookkeeping are not news in chat; a failed e-mail and a client's message are. */
  accepts(type: InquiryEventType): boolean {
    return type !== 'deadlines_changed' && type !== 'email_requested' && type !== 'email_sent';
  }

  async handle(event: InquiryEvent): Promise<void> {
    if (event.type === 'registered') return this.announcements.announce(event.inquiryId);
    if (RERENDER.has(event.type)) await this.announcements.rerender(event.inquiryId);
    if (isWorkflowEvent(event)) return this.workflows.handle(event);
    switch (event.type) {
      case 'reminder_due':
      case 'overdue':
        return this.deadlines.handle(event);
      case 'call_logged':
        return this.announcements.reply(event.inquiryId, callLoggedCard(event.call, this.context.config.DEFAULT_LANGUAGE));
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

  /**
   * R4.owner: the owner hears that the client wrote; with nobody owning the inquiry, its thread does. The
   * subject stands in for the message (the messaging service offers no read of the client's text).
   */
  private async clientMessage(event: EventOf<'client_message_received'>): Promise<void> {
    const { inquiry } = await this.context.queries.get(event.inquiryId);
    const text = (language: Language) => translate(language, 'notice.client_message', { number: inquiry.registryNumber, excerpt: excerpt(inquiry.subject) });
    const owner = event.ownerId ? await this.context.queries.staffMember(event.ownerId) : null;
    if (owner) {
      await this.messenger.sendToPerson(owner.teamsUserId, cardActivity(inquiryNoticeCard(text(owner.language), inquiry.id, owner.language)));
      return;
    }
    const channelLanguage = this.context.config.DEFAULT_LANGUAGE;
    await this.announcements.reply(event.inquiryId, inquiryNoticeCard(text(channelLanguage), inquiry.id, channelLanguage));
  }

  /** The sender learns their e-mail did not leave (no signature, refused, or still retrying). */
  private async emailFailed(event: EventOf<'email_failed'>): Promise<void> {
    const person = event.recipientId ? await this.context.queries.staffMember(event.recipientId) : null;
    if (!person) return;
    const text = translate(person.language, 'notice.email_failed', { number: event.registryNumber });
    await this.messenger.sendToPerson(person.teamsUserId, cardActivity(inquiryNoticeCard(text, event.inquiryId, person.language, { attention: true })));
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
