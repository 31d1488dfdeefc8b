import type { App } from '@slack/bolt';
import { StaffNotFoundError } from '../../../../domain/errors.js';
import { describeError } from '../../../core/describe-error.js';
import { translate } from '../../../core/i18n/index.js';
import type { KnownBlock } from '../../render/block-types.js';
import { byDeadline, listBlocks } from '../../render/list-blocks.js';
import { inert, mrkdwn } from '../../render/text.js';
import type { SlackServices } from '../../services.js';

/** Up to 30 per section keeps the home tab under its 100 blocks. */
const PER_SECTION = 30;

/** App Home: my open inquiries by deadline, the unclaimed queue, and what is overdue. */
export function register(app: App, services: SlackServices): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    let blocks: KnownBlock[];
    try {
      const actor = await services.staff.findBySlackUser(event.user);
      const now = services.clock.now();
      const reading = { language: actor.language, now, zone: services.config.TIME_ZONE };
      const t = (key: 'list.mine' | 'list.unclaimed' | 'list.overdue') => translate(actor.language, key);
      const mine = byDeadline(await services.queries.list({ ownerId: actor.id, openOnly: true, limit: 100 }));
      const unclaimed = byDeadline(await services.queries.list({ unclaimed: true, openOnly: true, limit: PER_SECTION }));
      const overdue = byDeadline(await services.queries.list({ overdueAt: now, openOnly: true, limit: PER_SECTION }));
      blocks = [
        ...listBlocks(t('list.mine'), mine, reading, PER_SECTION, services.capabilities),
        { type: 'divider' },
        ...listBlocks(t('list.unclaimed'), unclaimed, reading, PER_SECTION, services.capabilities),
        { type: 'divider' },
        ...listBlocks(t('list.overdue'), overdue, reading, PER_SECTION, services.capabilities),
      ];
    } catch (error) {
      if (!(error instanceof StaffNotFoundError)) throw error;
      blocks = [{ type: 'section', text: mrkdwn(inert(describeError(error, services.config.DEFAULT_LANGUAGE))) }];
    }
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks } });
  });
}
