import { createNoticeDelivery } from '../../core/notices/create-delivery.js';
import type { NoticeDelivery } from '../../core/notices/delivery.js';
import type { PlatformContext } from '../../platform.js';
import type { SlackMessage, SlackSurface } from '../surface.js';
import { slackNoticeRenderer } from './notice.js';

/**
 * Slack's outbox consumer: the core decides who is told what, Slack renders it as Block Kit and sends it through
 * its surface, exactly once per outbox event (the surface's `forDelivery`).
 */
export function createSlackNotifier(context: PlatformContext, surface: SlackSurface): NoticeDelivery<SlackMessage> {
  return createNoticeDelivery('slack', context, surface, slackNoticeRenderer);
}
