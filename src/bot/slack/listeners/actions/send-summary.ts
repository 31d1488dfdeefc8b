import type { App } from '@slack/bolt';
import { splitPair } from '../../render/action-values.js';
import type { SlackServices } from '../../services.js';
import { formRequest, onButton } from '../interaction.js';
import { openSummary } from '../open-forms.js';

/** R48.meeting-summary-2wd: the summary form (the recorder's DM, reminders, the inquiry view). */
export function register(app: App, services: SlackServices): void {
  app.action('send_summary', onButton(services, (actor, value, body, client) => openSummary(formRequest(services, client, actor, body), splitPair(value)[1])));
}
