import type { InquiryEvent, InquiryEventType } from '../../../domain/events.js';
import type { EventDelivery, Notifier, ServiceHappening } from '../../../domain/notifier.js';
import { changesOverview } from '../../core/commands/overview.js';
import { createNoticeDelivery } from '../../core/notices/create-delivery.js';
import type { Happening, NoticeDelivery } from '../../core/notices/delivery.js';
import type { PlatformContext } from '../../platform.js';
import type { HomeViews } from '../home.js';
import type { SlackMessage, SlackSurface } from '../surface.js';
import { slackNoticeRenderer } from './notice.js';

/**
 * Slack's outbox consumer: the core decides who is told what, Slack renders it as Block Kit and sends it through
 * its surface, exactly once per outbox event (the surface's `forDelivery`); then the Home tabs an event may have
 * changed are republished, so none shows a stale list.
 */
export class SlackNotifier implements Notifier {
  readonly name = 'slack';
  private readonly notices: NoticeDelivery<SlackMessage>;

  constructor(
    context: PlatformContext,
    surface: SlackSurface,
    private readonly homes: HomeViews,
    /** Resolves when no click waits for its ack: notices give way to acks (issue #16). */
    private readonly acksAnswered: () => Promise<void>,
  ) {
    this.notices = createNoticeDelivery('slack', context, surface, slackNoticeRenderer);
  }

  accepts(type: InquiryEventType): boolean {
    return this.notices.accepts(type);
  }

  async handle(event: InquiryEvent, delivery?: EventDelivery): Promise<void> {
    await this.acksAnswered();
    await this.notices.handle(event, delivery);
    // After the notices: a Home that cannot be republished never holds the event back (refreshAll logs, never throws).
    if (changesOverview(event.type)) await this.homes.refreshAll();
  }

  happen(happening: Happening | ServiceHappening): Promise<void> {
    return this.notices.happen(happening);
  }
}
