import type { App } from '@slack/bolt';
import type { SlackServices } from '../../services.js';
import { formRequest, onButton } from '../interaction.js';
import { openMissedCallEmail } from '../open-forms.js';

/** R31.callback: after a failed retry, the reply-by-e-mail form opens with the draft in the client's language. */
export function register(app: App, services: SlackServices): void {
  app.action('email_client', onButton(services, (actor, inquiryId, body, client) => openMissedCallEmail(formRequest(services, client, actor, body), inquiryId)));
}
