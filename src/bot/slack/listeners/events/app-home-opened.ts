import type { App } from '@slack/bolt';
import { StaffNotFoundError } from '../../../../domain/errors.js';
import type { InquiryQuery } from '../../../../domain/inquiry.repository.js';
import { LISTS } from '../../../core/commands/intent.js';
import { listRows } from '../../../core/commands/reply.js';
import { describeError } from '../../../core/describe-error.js';
import { translate, type MessageKey } from '../../../core/i18n/index.js';
import type { KnownBlock } from '../../render/block-types.js';
import { listBlocks } from '../../render/list-blocks.js';
import { inert, mrkdwn } from '../../render/text.js';
import type { SlackServices } from '../../services.js';

/** App Home: my open inquiries, the unclaimed queue, and what is overdue; each most pressing first (the domain's order). */
export function register(app: App, services: SlackServices): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    let blocks: KnownBlock[];
    try {
      const actor = await services.staff.findBySlackUser(event.user);
      const now = services.clock.now();
      const reading = { language: actor.language, now, zone: services.config.TIME_ZONE };
      const section = async (title: MessageKey, query: Omit<InquiryQuery, 'limit'>) => {
        const rows = listRows(await services.queries.list({ ...query, limit: LISTS.home.limit }), reading, services.capabilities);
        return listBlocks(translate(actor.language, title), rows, translate(actor.language, 'reply.no_inquiries'), actor.language);
      };
      blocks = [
        ...(await section('list.mine', { ownerId: actor.id, openOnly: true })),
        { type: 'divider' },
        ...(await section('list.unclaimed', { unclaimed: true, openOnly: true })),
        { type: 'divider' },
        ...(await section('list.overdue', { overdueAt: now, openOnly: true })),
      ];
    } catch (error) {
      if (!(error instanceof StaffNotFoundError)) throw error;
      blocks = [{ type: 'section', text: mrkdwn(inert(describeError(error, services.config.DEFAULT_LANGUAGE))) }];
    }
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks } });
  });
}
