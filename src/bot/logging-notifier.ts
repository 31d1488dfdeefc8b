import type { InquiryEvent, InquiryEventType } from '../domain/events.js';
import type { Notifier, ServiceHappening } from '../domain/notifier.js';
import type { Logger } from '../logger.js';

/** Stands in for a chat platform: writes each event a notifier would render (ids only, no personal data). */
export class LoggingNotifier implements Notifier {
  readonly name = 'log';

  constructor(private readonly logger: Logger) {}

  accepts(type: InquiryEventType): boolean {
    return type !== 'deadlines_changed';
  }

  async handle(event: InquiryEvent): Promise<void> {
    // Which deadline a reminder or overdue notice is about says what a person would have been told.
    const deadline = 'deadline' in event ? { deadline: event.deadline } : {};
    this.logger.info({ event: event.type, ...deadline, inquiryId: event.inquiryId, registryNumber: event.registryNumber }, 'inquiry event');
  }

  async happen(happening: ServiceHappening): Promise<void> {
    if (happening.type === 'weekly_digest') {
      this.logger.info({ happening: happening.type, staffId: happening.staffId }, 'a weekly digest would have been sent');
      return;
    }
    if (happening.type === 'staff_away') {
      this.logger.info({ happening: happening.type, change: happening.change, absenceId: happening.absenceId }, 'a staff member was marked away or back');
      return;
    }
    if (happening.type === 'retention_due') {
      // The count and the night only: the link is a capability, never logged.
      this.logger.info({ happening: happening.type, staffId: happening.staffId, night: happening.night, count: happening.count }, 'closed inquiries will be anonymised tonight');
      return;
    }
    this.logger.warn({ happening: happening.type, mailbox: happening.mailbox, uid: happening.uid, reason: happening.reason }, 'an e-mail could not be registered; it waits in the mailbox');
  }
}
