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
  return new NoticeDelivery({
    context: { platform, platforms: context.platformsOn ?? [platform] },
    surface,
    renderer,
    posts: chatPosts,
    reads: queries,
    // The link is the institution's whose event it is (issue #17): its address is read when the notice is written.
    settings: {
      capabilities,
      letterUrl: (id, staffId) => letterUrl(publicUrl(context), id, staffId, context.letterLinks),
      // A channel speaks its institution's language (its settings; DEFAULT_LANGUAGE for the first).
      get channelLanguage() {
        return context.settings().defaultLanguage;
      },
      zone: config.TIME_ZONE,
    },
    clock,
    // A notice shows only the story's recent lines, never its letter links.
    story: (snapshot, language) => storyOf(context, snapshot, language, null),
    log,
    digest: (digest) => deliverDigest(digest, { sources: context, surface, renderer, log }),
  });
}
