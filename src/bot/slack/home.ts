import type { Logger } from '../../logger.js';
import { StaffNotFoundError } from '../../domain/errors.js';
import { overviewOf } from '../core/commands/overview.js';
import { describeError } from '../core/describe-error.js';
import type { PlatformContext } from '../platform.js';
import { dashboardBlocks } from './home-dashboard.js';
import type { KnownBlock } from './render/block-types.js';
import { inert, mrkdwn } from './render/elements.js';
import { listBlocks } from './render/list.js';
import { PLATFORM, type SlackClient } from './services.js';

/** Who has opened their Home tab: only their Homes are kept current (one row; a lost add is redone on the next open). */
const VIEWERS_KEY = 'home:viewers';

/**
 * App Home: the core's overview of one person (mine, unclaimed, overdue), published to their Home tab when they open
 * it and republished whenever an inquiry event may have changed it, so the tab never shows a stale list.
 */
export class HomeViews {
  constructor(
    private readonly client: SlackClient,
    /** The core's context with Slack's localized staff directory (locales.ts). */
    private readonly context: Pick<PlatformContext, 'staff' | 'queries' | 'conversations' | 'clock' | 'config' | 'capabilities' | 'quality' | 'reportLinks'>,
    private readonly logger: Logger,
  ) {}

  async opened(slackUserId: string): Promise<void> {
    await this.publish(slackUserId);
    const known = (await this.context.conversations.find<{ users: string[] }>(PLATFORM, VIEWERS_KEY))?.users ?? [];
    if (!known.includes(slackUserId)) await this.context.conversations.save(PLATFORM, VIEWERS_KEY, { users: [...known, slackUserId] });
  }

  /** Republishes every Home that was opened; one that fails is logged and left for the next change. */
  async refreshAll(): Promise<void> {
    const viewers = (await this.context.conversations.find<{ users: string[] }>(PLATFORM, VIEWERS_KEY))?.users ?? [];
    for (const user of viewers) {
      await this.publish(user).catch((error: unknown) => this.logger.warn({ err: error }, 'slack: republishing a Home tab failed'));
    }
  }

  private async publish(slackUserId: string): Promise<void> {
    let blocks: KnownBlock[];
    try {
      const actor = await this.context.staff.findBySlackUser(slackUserId);
      const lists = await overviewOf(actor, actor.language, this.context);
      // R60.internal: a manager's Home opens with this week's dashboard, as an image.
      const dashboard = await dashboardBlocks(this.client, this.context, actor, slackUserId, this.logger);
      blocks = [...dashboard, ...lists.flatMap((list, index): KnownBlock[] => [...(index > 0 ? [{ type: 'divider' as const }] : []), ...listBlocks(list.title, list.rows, list.empty, actor.language)])];
    } catch (error) {
      if (!(error instanceof StaffNotFoundError)) throw error;
      blocks = [{ type: 'section', text: mrkdwn(inert(describeError(error, this.context.config.DEFAULT_LANGUAGE))) }];
    }
    await this.client.views.publish({ user_id: slackUserId, view: { type: 'home', blocks } });
  }
}
