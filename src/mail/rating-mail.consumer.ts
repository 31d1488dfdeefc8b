import type { InquiryEvent, InquiryEventType } from '../domain/events.js';
import type { EventConsumer } from '../domain/notifier.js';
import type { RatingService } from '../domain/rating.service.js';
import type { Logger } from '../logger.js';

const TRIGGERS: ReadonlySet<InquiryEventType> = new Set<InquiryEventType>(['resolved', 'reopened']);

/**
 * R60.external: a resolved inquiry's e-mail client is asked to rate the service (sampled, once per cooldown); a
 * reopened inquiry voids what is pending. Idempotent: a redelivered `resolved` finds its request and sends nothing.
 */
export class RatingMailConsumer implements EventConsumer {
  readonly name = 'rating-mail';

  constructor(
    private readonly ratings: Pick<RatingService, 'onEvent'>,
    private readonly logger: Logger,
  ) {}

  accepts(type: InquiryEventType): boolean {
    return TRIGGERS.has(type);
  }

  async handle(event: InquiryEvent): Promise<void> {
    const outcome = await this.ratings.onEvent(event);
    // Ids and the reason only: never the client's address.
    if (outcome !== 'ignored') this.logger.info({ inquiryId: event.inquiryId, eventType: event.type, outcome }, 'client rating request');
  }
}
