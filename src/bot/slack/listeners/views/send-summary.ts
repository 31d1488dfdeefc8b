import type { App, ViewSubmitAction } from '@slack/bolt';
import { translate } from '../../../core/i18n/index.js';
import { CALLBACKS } from '../../render/modals.js';
import type { SlackServices } from '../../services.js';
import { onSubmit } from './form.js';

/** R48.meeting-summary-2wd: e-mailed in the client's language with the sender's signature; it closes the obligation. */
export function register(app: App, services: SlackServices): void {
  app.view<ViewSubmitAction>(CALLBACKS.summary, onSubmit(services, async (actor, form) => {
    await services.clientChannel.sendMeetingSummary(form.metadata.meetingId ?? '', actor.id, form.text('text'));
    return translate(actor.language, 'reply.summary_sent', { number: form.metadata.number ?? '' });
  }));
}
