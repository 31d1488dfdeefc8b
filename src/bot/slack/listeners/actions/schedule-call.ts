import type { App } from '@slack/bolt';
import type { SlackServices } from '../../services.js';
import { formRequest, onButton } from '../interaction.js';
import { openScheduleCall } from '../open-forms.js';

/** R31.callback / R29.agreed-time: a client who could not be reached and has no e-mail is called again at a set time. */
export function register(app: App, services: SlackServices): void {
  app.action('schedule_call', onButton(services, (actor, inquiryId, body, client) => openScheduleCall(formRequest(services, client, actor, body), inquiryId)));
}
