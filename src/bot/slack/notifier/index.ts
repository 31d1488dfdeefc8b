import { letterUrl } from '../../core/inquiry-story.js';
import { NoticeDelivery } from '../../core/notices/delivery.js';
import { publicUrl, storyOf } from '../../core/story-loader.js';
import type { PlatformContext } from '../../platform.js';
import type { SlackMessage, SlackSurface } from '../surface.js';
import { slackNoticeRenderer } from './notice.js';

/**
 * Slack's outbox consumer: the core decides who is told what (one policy for every platform), Slack only renders
 * it as Block Kit and sends it through its surface, exactly once per outbox event.
 */
export function createSlackNotifier(context: PlatformContext, surface: SlackSurface): NoticeDelivery<SlackMessage> {
  const { config, clock, queries, capabilities, chatPosts, logger } = context;
  const base = publicUrl(context);
  return new NoticeDelivery({
    context: { platform: 'slack', platforms: context.platformsOn ?? ['slack'] },
    surface,
    renderer: slackNoticeRenderer,
    posts: chatPosts,
    reads: queries,
    settings: { capabilities, letterUrl: (id) => letterUrl(base, id), channelLanguage: config.DEFAULT_LANGUAGE, zone: config.TIME_ZONE },
    clock,
    story: (snapshot, language) => storyOf(context, snapshot, language),
    log: { warn: (fields, message) => logger.warn(fields, `slack: ${message}`) },
  });
}
