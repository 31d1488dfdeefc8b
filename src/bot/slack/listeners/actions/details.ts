import type { App } from '@slack/bolt';
import { detailsBlocks, timelineNames } from '../../render/details-blocks.js';
import type { SlackServices } from '../../services.js';
import { onButton } from '../interaction.js';

/** Details / Open: the fields, the whole message and the timeline, privately to the clicker. */
export function register(app: App, services: SlackServices): void {
  app.action('details', onButton(services, async (actor, inquiryId, body, client) => {
    const snapshot = await services.queries.get(inquiryId);
    const names = await timelineNames(snapshot, (id) => services.queries.staffMember(id));
    const reading = { language: actor.language, now: services.clock.now(), zone: services.config.TIME_ZONE };
    const { text, blocks } = detailsBlocks(snapshot, names, reading, Boolean(services.config.SMTP_URL));
    if (body.channel) await client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text, blocks });
    else await client.chat.postMessage({ channel: body.user.id, text, blocks });
  }));
}
