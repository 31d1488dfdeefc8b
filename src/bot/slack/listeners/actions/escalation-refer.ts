import type { App } from '@slack/bolt';
import type { SlackServices } from '../../services.js';
import { onButton } from '../interaction.js';

/** R58.incident: the manager refers an incident to the head. */
export function register(app: App, services: SlackServices): void {
  app.action('escalation_refer', onButton(services, async (actor, escalationId) => {
    await services.escalations.referToHead(escalationId, actor.id);
  }));
}
