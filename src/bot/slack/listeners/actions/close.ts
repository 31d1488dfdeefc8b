import type { App } from '@slack/bolt';
import type { SlackServices } from '../../services.js';
import { onButton } from '../interaction.js';

/**
 * Closes a resolved inquiry; the card updates through the notifier. R55.same-channel: a complaint not answered
 * the way it came is refused privately, naming the channel owed.
 */
export function register(app: App, services: SlackServices): void {
  app.action('close', onButton(services, async (actor, inquiryId) => {
    await services.inquiries.close(inquiryId, actor.id);
  }));
}
