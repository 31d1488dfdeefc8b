import type { ClientMessagingService } from '../domain/client-messaging.service.js';
import type { InquiryEvent, InquiryEventType } from '../domain/events.js';
import { MailDeliveryError, type Mailer } from '../domain/mailer.js';
import type { EventConsumer } from '../domain/notifier.js';
import type { Logger } from '../logger.js';

/**
 * Sends queued client e-mails (`email_requested`). A transient failure throws, so the outbox retries it
 * with backoff and nothing is lost; a rejection by the server is final and reported to the sender.
 */
export class MailerConsumer implements EventConsumer {
  readonly name = 'mailer';

  constructor(
    private readonly messaging: ClientMessagingService,
    private readonly mailer: Mailer,
    private readonly logger: Logger,
  ) {}

  accepts(type: InquiryEventType): boolean {
    return type === 'email_requested';
  }

  async handle(event: InquiryEvent): Promise<void> {
    if (event.type !== 'email_requested') return;
    const email = await this.messaging.pendingEmail(event.emailId);
    if (!email) return;
    try {
      await this.mailer.send({ ...email, automatic: email.purpose === 'acknowledgement' });
    } catch (error) {
      const failure = error instanceof MailDeliveryError ? error : new MailDeliveryError('send failed', false, String(error));
      // The server's own words go to the database record only: they may quote the client's address.
      await this.messaging.recordFailure(email.id, failure.detail, failure.permanent);
      this.logger.warn({ emailId: email.id, inquiryId: email.inquiryId, permanent: failure.permanent, reason: failure.message }, 'client e-mail not sent');
      if (!failure.permanent) throw new Error(failure.message);
      return;
    }
    await this.messaging.recordSent(email.id);
  }
}
