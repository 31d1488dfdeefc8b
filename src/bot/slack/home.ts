import type { Logger } from '../../logger.js';
import { StaffNotFoundError } from '../../domain/errors.js';
import { overviewOf } from '../core/commands/overview.js';
import { describeError } from '../core/describe-error.js';
import type { PlatformContext } from '../platform.js';
import { dashboardBlocks } from './home-dashboard.js';
import type { KnownBlock } from './render/block-types.js';
import { inert, mrkdwn } from './render/elements.js';
import { listBlocks } from './render/list.js';
import { PerKeyDebounce } from './per-key-debounce.js';
import { PLATFORM, type SlackClient } from './services.js';

/** Who has opened their Home tab: only their Homes are kept current (one row; a lost add is redone on the next open). */
const VIEWERS_KEY = 'home:viewers';

/**
 * App Home: the core's overview of one person (mine, unclaimed, overdue), published to their Home tab when they open
 * it and republished whenever an inquiry event may have changed it, so the tab never shows a stale list.
 */
export class HomeViews {
  /**
   * Issue #16: one person's Home is republished at most once per window, however many changes fall in it (a burst
   * of claims, a batch of outbox events): the first change at once, the rest together at the window's end.
   */
  private readonly republish: PerKeyDebounce;

  constructor(
    private readonly client: SlackClient,
    /** The core's context with Slack's localized staff directory (locales.ts). */
    private readonly context: Pick<PlatformContext, 'staff' | 'queries' | 'conversations' | 'clock' | 'config' | 'capabilities' | 'quality' | 'reportLinks' | 'siteUrl'>,
    private readonly logger: Logger,
    refreshWindowMs: number,
  ) {
    this.republish = new PerKeyDebounce(refreshWindowMs, (user) =>
      this.publish(user).catch((error: unknown) => this.logger.warn({ err: error }, 'slack: republishing a Home tab failed')),
    );
  }

  async opened(slackUserId: string): Promise<void> {
    await this.publish(slackUserId);
    const known = (await this.context.conversations.find<{ users: string[] }>(PLATFORM, VIEWERS_KEY))?.users ?? [];
    if (!known.includes(slackUserId)) await this.context.conversations.save(PLATFORM, VIEWERS_KEY, { users: [...known, slackUserId] });
  }

  /**
   * Republishes every Home that was opened (debounced per person); one that fails is logged and left for the next
   * change. Resolves when the Homes republished at once are out; the coalesced ones follow at their window's end.
   */
  async refreshAll(): Promise<void> {
    const viewers = (await this.context.conversations.find<{ users: string[] }>(PLATFORM, VIEWERS_KEY))?.users ?? [];
    // One after another: each is three list queries, and the pool is shared with the clicks and the outbox.
    for (const user of viewers) await this.republish.touch(user);
  }

  /** At shutdown: the republishing still owed is done before the database closes. */
  flush(): Promise<void> {
    return this.republish.flush();
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
