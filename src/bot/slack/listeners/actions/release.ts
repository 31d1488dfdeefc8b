import type { App } from '@slack/bolt';
import type { SlackServices } from '../../services.js';
import { onButton } from '../interaction.js';

/** Back to the queue; the card shows Claim again through the notifier. */
export function register(app: App, services: SlackServices): void {
  app.action('release', onButton(services, async (actor, inquiryId) => {
    await services.inquiries.release(inquiryId, actor.id);
  }));
}
