import type { App } from '@slack/bolt';
import { splitPair } from '../../render/action-values.js';
import type { SlackServices } from '../../services.js';
import { formRequest, onButton } from '../interaction.js';
import { openDecision } from '../open-forms.js';

/** R24.other-institution: the institution's decision on one pending step (reminders, the inquiry view). */
export function register(app: App, services: SlackServices): void {
  app.action('record_decision', onButton(services, (actor, value, body, client) => {
    const [inquiryId, stepId] = splitPair(value);
    return openDecision(formRequest(services, client, actor, body), inquiryId, stepId);
  }));
}
