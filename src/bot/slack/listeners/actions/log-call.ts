import type { App } from '@slack/bolt';
import { callLogModal } from '../../render/modals.js';
import type { SlackServices } from '../../services.js';
import { onButton } from '../interaction.js';

/** R44.call-notes: the post-call summary form, from the card's Log call. */
export function register(app: App, services: SlackServices): void {
  app.action('log_call', onButton(services, async (actor, inquiryId, body, client) => {
    const { inquiry } = await services.queries.get(inquiryId);
    await client.views.open({ trigger_id: body.trigger_id, view: callLogModal(inquiry, actor.language) });
  }));
}
