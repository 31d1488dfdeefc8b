import type { InquiryEvent, InquiryEventType } from '../domain/events.js';
import type { Notifier } from '../domain/notifier.js';
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
}
