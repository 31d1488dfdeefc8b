import type { AdaptiveCard } from '../cards/elements.js';
import { NoticeDelivery } from '../../core/notices/delivery.js';
import { letterUrl } from '../../core/inquiry-story.js';
import { publicUrl, storyOf } from '../../core/story-loader.js';
import type { PlatformContext } from '../../platform.js';
import type { TeamsSurface } from '../surface.js';
import { teamsNoticeRenderer } from './notice.js';

/**
 * Teams' outbox consumer: the core decides who is told what (one policy for every platform), Teams only renders
 * it as Adaptive Cards and sends it through its surface.
 */
export function createTeamsNotifier(context: PlatformContext, surface: TeamsSurface): NoticeDelivery<AdaptiveCard> {
  const { config, clock, queries, capabilities, chatPosts, logger } = context;
  const base = publicUrl(context);
  return new NoticeDelivery({
    context: { platform: 'teams', platforms: context.platformsOn ?? ['teams'] },
    surface,
    renderer: teamsNoticeRenderer,
    posts: chatPosts,
    reads: queries,
    settings: { capabilities, letterUrl: (id) => letterUrl(base, id), channelLanguage: config.DEFAULT_LANGUAGE, zone: config.TIME_ZONE },
    clock,
    story: (snapshot, language) => storyOf(context, snapshot, language),
    log: { warn: (fields, message) => logger.warn(fields, `teams: ${message}`) },
  });
}
