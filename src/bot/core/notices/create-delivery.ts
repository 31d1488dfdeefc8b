import type { PlatformContext } from '../../platform.js';
import { letterUrl } from '../inquiry-story.js';
import { publicUrl, storyOf } from '../story-loader.js';
import { deliverDigest, type ReportRenderer } from '../reports/digest.js';
import type { ChatSurface } from '../surface.js';
import { NoticeDelivery, type NoticeRenderer } from './delivery.js';
import type { PlatformId } from './notice.js';

/**
 * A platform's outbox consumer, built the same way for every platform: the core decides who is told what (one
 * policy), the platform brings only its surface (where messages go) and its renderer (what they look like).
 */
export function createNoticeDelivery<M>(
  platform: PlatformId,
  context: PlatformContext,
  surface: ChatSurface<M>,
  renderer: NoticeRenderer<M> & ReportRenderer<M>,
): NoticeDelivery<M> {
  const { config, clock, queries, capabilities, chatPosts, logger } = context;
  const log = {
    info: (fields: Record<string, unknown>, message: string) => logger.info(fields, `${platform}: ${message}`),
    warn: (fields: Record<string, unknown>, message: string) => logger.warn(fields, `${platform}: ${message}`),
  };
  const base = publicUrl(context);
  return new NoticeDelivery({
    context: { platform, platforms: context.platformsOn ?? [platform] },
    surface,
    renderer,
    posts: chatPosts,
    reads: queries,
    settings: { capabilities, letterUrl: (id, staffId) => letterUrl(base, id, staffId, context.letterLinks), channelLanguage: config.DEFAULT_LANGUAGE, zone: config.TIME_ZONE },
    clock,
    // A notice shows only the story's recent lines, never its letter links.
    story: (snapshot, language) => storyOf(context, snapshot, language, null),
    log,
    digest: (digest) => deliverDigest(digest, { sources: context, surface, renderer, log }),
  });
}
