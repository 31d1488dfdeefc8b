import type { App } from '@slack/bolt';
import type { SlackServices } from '../../services.js';
import { formRequest, onButton } from '../interaction.js';
import { openLetter } from '../open-forms.js';

/** R55.same-channel / R31.callback: the written answer, offered when a client cannot be reached otherwise. */
export function register(app: App, services: SlackServices): void {
  app.action('write_letter', onButton(services, (actor, inquiryId, body, client) => openLetter(formRequest(services, client, actor, body), inquiryId)));
}
