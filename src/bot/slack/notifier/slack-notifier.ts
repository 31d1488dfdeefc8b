import type { InquiryEvent, InquiryEventType } from '../../../domain/events.js';
import type { Notifier } from '../../../domain/notifier.js';
import { DirectMessages } from '../direct-messages.js';
import { callNoteBlocks } from '../render/notice-blocks.js';
import type { SlackClient, SlackServices } from '../services.js';
import { Announcements } from './announcements.js';
import { ClientMailNotifier } from './client-mail-notices.js';
import { DeadlineNotifier } from './deadline-notices.js';
import { EscalationNotifier } from './escalation-notices.js';
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
 * is thrown so the outbox retries it; a person Slack cannot reach is skipped.
 */
export class SlackNotifier implements Notifier {
  readonly name = 'slack';
  private readonly announcements: Announcements;
  private readonly deadlines: DeadlineNotifier;
  private readonly escalations: EscalationNotifier;
  private readonly clientMail: ClientMailNotifier;
  private readonly workflows: WorkflowNotifier;

  constructor(
    client: SlackClient,
    private readonly services: SlackServices,
  ) {
    const dms = new DirectMessages(client, services.conversations);
    this.announcements = new Announcements(client, services);
    this.deadlines = new DeadlineNotifier(services, this.announcements, dms);
    this.escalations = new EscalationNotifier(client, services, dms);
    this.clientMail = new ClientMailNotifier(services, this.announcements, dms);
    this.workflows = new WorkflowNotifier(services, this.announcements, dms);
  }

  accepts(type: InquiryEventType): boolean {
    return !IGNORED.has(type);
  }

  async handle(event: InquiryEvent): Promise<void> {
    if (event.type === 'registered' || REFRESHING.has(event.type)) await this.announcements.show(event.inquiryId);
    switch (event.type) {
      case 'call_logged': {
        await this.announcements.show(event.inquiryId);
        const { config, clock } = this.services;
        await this.announcements.reply(event.inquiryId, callNoteBlocks(event.call, config.DEFAULT_LANGUAGE, clock.now(), config.TIME_ZONE));
        return;
      }
      case 'reminder_due':
        return this.deadlines.reminder(event);
      case 'overdue':
        return this.deadlines.overdue(event);
      case 'escalated':
        return this.escalations.escalated(event);
      case 'escalation_acknowledged':
        return this.escalations.acknowledged(event);
      case 'escalation_taken_over':
        return this.escalations.takenOver(event);
      case 'escalation_referred':
        return this.escalations.referred(event);
      case 'escalation_decided':
        return this.escalations.decided(event);
      case 'client_message_received':
        return this.clientMail.clientMessage(event);
      case 'email_failed':
        return this.clientMail.emailFailed(event);
      case 'call_scheduled':
        return this.workflows.callScheduled(event);
      case 'callback_failed':
        return this.workflows.callbackFailed(event);
      case 'meeting_planned':
        return this.workflows.meetingPlanned(event);
      case 'meeting_held':
        return this.workflows.meetingHeld(event);
      case 'meeting_summary_sent':
        return this.workflows.meetingSummarySent(event);
      case 'external_step_added':
        return this.workflows.externalStepAdded(event);
      case 'external_decision_recorded':
        return this.workflows.externalDecisionRecorded(event);
      case 'external_decisions_conflict':
        return this.workflows.externalDecisionsConflict(event);
      case 'progress_recorded':
        return this.workflows.progressRecorded(event);
      case 'client_informed':
        return this.workflows.clientInformed(event);
      case 'letter_issued':
        return this.workflows.letterIssued(event);
      default:
        return;
    }
  }
}

