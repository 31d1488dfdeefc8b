import type { InquiryEvent, InquiryEventType } from '../../../domain/events.js';
import type { Notifier } from '../../../domain/notifier.js';
import type { EventDelivery } from '../../../domain/notifier.js';
import { DirectMessages } from '../direct-messages.js';
import { callNoteBlocks } from '../render/notice-blocks.js';
import type { SlackClient, SlackServices } from '../services.js';
import { Announcements } from './announcements.js';
import { ClientMailNotifier } from './client-mail-notices.js';
import { DeadlineNotifier } from './deadline-notices.js';
import { EscalationNotifier } from './escalation-notices.js';
import { EventPosts } from './event-posts.js';
import { WorkflowNotifier } from './workflow-notices.js';

/** Events after which the announcement shows something new (owner, status, buttons). */
const REFRESHING: ReadonlySet<InquiryEventType> = new Set([
  'claimed', 'released', 'handed_over', 'first_reply_sent', 'holding_reply_sent', 'waiting_on_client',
  'resolved', 'closed', 'reopened', 'escalation_taken_over',
]);

/** Events Slack shows nothing for: deadline bookkeeping, and e-mail that is merely queued or sent as it should. */
const IGNORED: ReadonlySet<InquiryEventType> = new Set(['deadlines_changed', 'email_requested', 'email_sent']);

/**
 * Renders domain events in Slack; an outbox consumer (at least once, in order per inquiry). A Slack error
 * is thrown so the outbox retries it; a person Slack cannot reach is skipped. Each delivery posts through its
 * own `EventPosts`, so a retry after a crash finds what the earlier attempt posted instead of posting again.
 */
export class SlackNotifier implements Notifier {
  readonly name = 'slack';

  constructor(
    private readonly client: SlackClient,
    private readonly services: SlackServices,
  ) {}

  accepts(type: InquiryEventType): boolean {
    return !IGNORED.has(type);
  }

  /** `delivery` comes from the outbox; without it (a direct call) posts carry no mark and nothing is looked up. */
  async handle(event: InquiryEvent, delivery?: EventDelivery): Promise<void> {
    const { client, services } = this;
    const posts = new EventPosts(client, services.logger, delivery ?? null, event.inquiryId);
    const announcements = new Announcements(client, services, posts);
    const dms = new DirectMessages(client, services.conversations, posts);
    if (event.type === 'registered' || REFRESHING.has(event.type)) await announcements.show(event.inquiryId);
    const deadlines = () => new DeadlineNotifier(services, announcements, dms);
    const escalations = () => new EscalationNotifier(client, services, dms);
    const clientMail = () => new ClientMailNotifier(services, announcements, dms);
    const workflows = () => new WorkflowNotifier(services, announcements, dms);
    switch (event.type) {
      case 'call_logged': {
        await announcements.show(event.inquiryId);
        const { config, clock } = services;
        await announcements.reply(event.inquiryId, callNoteBlocks(event.call, config.DEFAULT_LANGUAGE, clock.now(), config.TIME_ZONE));
        return;
      }
      case 'reminder_due':
        return deadlines().reminder(event);
      case 'overdue':
        return deadlines().overdue(event);
      case 'escalated':
        return escalations().escalated(event);
      case 'escalation_acknowledged':
        return escalations().acknowledged(event);
      case 'escalation_taken_over':
        return escalations().takenOver(event);
      case 'escalation_referred':
        return escalations().referred(event);
      case 'escalation_decided':
        return escalations().decided(event);
      case 'client_message_received':
        return clientMail().clientMessage(event);
      case 'email_failed':
        return clientMail().emailFailed(event);
      case 'call_scheduled':
        return workflows().callScheduled(event);
      case 'callback_failed':
        return workflows().callbackFailed(event);
      case 'meeting_planned':
        return workflows().meetingPlanned(event);
      case 'meeting_held':
        return workflows().meetingHeld(event);
      case 'meeting_summary_sent':
        return workflows().meetingSummarySent(event);
      case 'external_step_added':
        return workflows().externalStepAdded(event);
      case 'external_decision_recorded':
        return workflows().externalDecisionRecorded(event);
      case 'external_decisions_conflict':
        return workflows().externalDecisionsConflict(event);
      case 'progress_recorded':
        return workflows().progressRecorded(event);
      case 'client_informed':
        return workflows().clientInformed(event);
      case 'letter_issued':
        return workflows().letterIssued(event);
      default:
        return;
    }
  }
}

