import type { App } from '@slack/bolt';
import type { SlackServices } from '../../services.js';
import { onButton } from '../interaction.js';

/** R4.owner: the exclusive claim; the card updates through the notifier, the loser hears who won. */
export function register(app: App, services: SlackServices): void {
  app.action('claim', onButton(services, async (actor, inquiryId) => {
    await services.inquiries.claim(inquiryId, actor.id);
  }));
}
