import type { App } from '@slack/bolt';
import { splitPair } from '../../render/action-values.js';
import type { SlackServices } from '../../services.js';
import { formRequest, onButton } from '../interaction.js';
import { openMinutes } from '../open-forms.js';

/** R45.meetings: the minutes of a planned meeting (its DM to the chair and recorder, the inquiry view). */
export function register(app: App, services: SlackServices): void {
  app.action('record_minutes', onButton(services, (actor, value, body, client) => openMinutes(formRequest(services, client, actor, body), splitPair(value)[1])));
}
