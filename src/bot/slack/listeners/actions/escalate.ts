import type { App } from '@slack/bolt';
import { escalationModal } from '../../render/modals.js';
import type { SlackServices } from '../../services.js';
import { onButton } from '../interaction.js';

/** R54.escalate-unresolved / R58.incident: the escalation form. */
export function register(app: App, services: SlackServices): void {
  app.action('escalate', onButton(services, async (actor, inquiryId, body, client) => {
    const { inquiry } = await services.queries.get(inquiryId);
    await client.views.open({ trigger_id: body.trigger_id, view: escalationModal(inquiry, actor.language) });
  }));
}
