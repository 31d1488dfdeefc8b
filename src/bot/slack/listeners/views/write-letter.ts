import type { App, ViewSubmitAction } from '@slack/bolt';
import { CALLBACKS } from '../../render/modals.js';
import type { SlackServices } from '../../services.js';
import { onSubmit } from './form.js';

/** R55.same-channel: the letter is issued; the notifier's DM with the link to print it is the confirmation. */
export function register(app: App, services: SlackServices): void {
  app.view<ViewSubmitAction>(CALLBACKS.letter, onSubmit(services, async (actor, form) => {
    await services.clientChannel.issueLetter(form.metadata.inquiryId ?? '', actor.id, form.text('text'));
    return null;
  }));
}
