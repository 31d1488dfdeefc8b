import type { App } from '@slack/bolt';
import { StaffNotFoundError } from '../../../domain/errors.js';
import { overviewOf } from '../../core/commands/overview.js';
import { describeError } from '../../core/describe-error.js';
import type { KnownBlock } from '../render/block-types.js';
import { listBlocks } from '../render/list.js';
import { inert, mrkdwn } from '../render/elements.js';
import type { SlackServices } from '../services.js';

/** App Home: the core's overview of the person (mine, unclaimed, overdue), each list most pressing first. */
export function register(app: App, services: SlackServices): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    let blocks: KnownBlock[];
    try {
      const actor = await services.staff.findBySlackUser(event.user);
      const lists = await overviewOf(actor, actor.language, services);
      blocks = lists.flatMap((list, index): KnownBlock[] => [
        ...(index > 0 ? [{ type: 'divider' as const }] : []),
        ...listBlocks(list.title, list.rows, list.empty, actor.language),
      ]);
    } catch (error) {
      if (!(error instanceof StaffNotFoundError)) throw error;
      blocks = [{ type: 'section', text: mrkdwn(inert(describeError(error, services.config.DEFAULT_LANGUAGE))) }];
    }
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks } });
  });
}
