import type { App } from '@slack/bolt';
import { holdingReplyModal } from '../../render/modals.js';
import type { SlackServices } from '../../services.js';
import { onButton } from '../interaction.js';

/** R14.holding-reply: asks for the promised date before anything is recorded. */
export function register(app: App, services: SlackServices): void {
  app.action('holding_reply', onButton(services, async (actor, inquiryId, body, client) => {
    const { inquiry } = await services.queries.get(inquiryId);
    await client.views.open({ trigger_id: body.trigger_id, view: holdingReplyModal(inquiry, actor.language) });
  }));
}
