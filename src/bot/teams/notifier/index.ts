import { createNoticeDelivery } from '../../core/notices/create-delivery.js';
import type { NoticeDelivery } from '../../core/notices/delivery.js';
import type { PlatformContext } from '../../platform.js';
import type { AdaptiveCard } from '../render/elements.js';
import type { TeamsSurface } from '../surface.js';
import { teamsNoticeRenderer } from './notice.js';

/** Teams' outbox consumer: the core decides who is told what, Teams renders it as Adaptive Cards and sends it through its surface. */
export function createTeamsNotifier(context: PlatformContext, surface: TeamsSurface): NoticeDelivery<AdaptiveCard> {
  return createNoticeDelivery('teams', context, surface, teamsNoticeRenderer);
}
