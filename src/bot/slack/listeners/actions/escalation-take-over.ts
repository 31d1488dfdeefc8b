import type { App } from '@slack/bolt';
import type { SlackServices } from '../../services.js';
import { onButton } from '../interaction.js';

/** R54.escalate-unresolved: the manager becomes the owner (an audited handover). */
export function register(app: App, services: SlackServices): void {
  app.action('escalation_take_over', onButton(services, async (actor, escalationId) => {
    await services.escalations.takeOver(escalationId, actor.id);
  }));
}
