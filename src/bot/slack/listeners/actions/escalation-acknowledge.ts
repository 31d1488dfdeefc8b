import type { App } from '@slack/bolt';
import type { SlackServices } from '../../services.js';
import { onButton } from '../interaction.js';

/** R54.escalate-unresolved: the manager has seen it; the DM's buttons give way to the outcome (notifier). */
export function register(app: App, services: SlackServices): void {
  app.action('escalation_acknowledge', onButton(services, async (actor, escalationId) => {
    await services.escalations.acknowledge(escalationId, actor.id);
  }));
}
