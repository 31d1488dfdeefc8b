import type { ClientMessagingService } from '../domain/client-messaging.service.js';
import type { InquiryEvent, InquiryEventType } from '../domain/events.js';
import type { EventConsumer } from '../domain/notifier.js';

const TRIGGERS: ReadonlySet<InquiryEventType> = new Set<InquiryEventType>(['registered', 'holding_reply_sent', 'call_logged', 'resolved']);

/**
 * Turns procedure events into the client e-mails they call for: acknowledgement (R15), holding reply
 * (R14.holding-reply), call summary (R14.urgent-call), status change (R19.status).
 */
export class ClientMailConsumer implements EventConsumer {
  readonly name = 'client-mail';

  constructor(private readonly messaging: ClientMessagingService) {}

  accepts(type: InquiryEventType): boolean {
    return TRIGGERS.has(type);
  }

  handle(event: InquiryEvent): Promise<void> {
    return this.messaging.queueForEvent(event);
  }
}
