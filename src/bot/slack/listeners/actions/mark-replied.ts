import type { App } from '@slack/bolt';
import { translate } from '../../../core/i18n/index.js';
import type { SlackServices } from '../../services.js';
import { onButton, replaceButtons } from '../interaction.js';

/** R14.reply-1wd: the first reply stops the reply reminders; in a reminder DM the buttons give way to the outcome. */
export function register(app: App, services: SlackServices): void {
  app.action('mark_replied', onButton(services, async (actor, inquiryId, body, client) => {
    const inquiry = await services.inquiries.recordFirstReply(inquiryId, actor.id);
    // The announcement is re-rendered by the notifier; a reminder DM is only this person's, so it is updated here.
    if (body.channel?.id !== services.settings.staffChannel) {
      await replaceButtons(client, body, translate(actor.language, 'reply.marked_replied', { number: inquiry.registryNumber }));
    }
  }));
}
