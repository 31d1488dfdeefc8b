import type { App } from '@slack/bolt';
import { replyEmailModal } from '../../render/modals.js';
import type { SlackServices } from '../../services.js';
import { onButton } from '../interaction.js';

/**
 * R36.signature: the signature is checked before the form opens, so nobody writes a reply that cannot be
 * sent; a refusal is told privately (onButton → describeError) and no form opens.
 */
export function register(app: App, services: SlackServices): void {
  app.action('reply_email', onButton(services, async (actor, inquiryId, body, client) => {
    await services.messaging.assertCanSign(actor.id);
    const { inquiry } = await services.queries.get(inquiryId);
    await client.views.open({ trigger_id: body.trigger_id, view: replyEmailModal(inquiry, actor.language) });
  }));
}
