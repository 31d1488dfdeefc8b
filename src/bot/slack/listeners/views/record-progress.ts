import type { App, ViewSubmitAction } from '@slack/bolt';
import { CALLBACKS } from '../../render/modals.js';
import type { SlackServices } from '../../services.js';
import { onSubmit } from './form.js';

/** R19.status: the note is recorded; the notifier's offer to tell the client is the confirmation. */
export function register(app: App, services: SlackServices): void {
  app.view<ViewSubmitAction>(CALLBACKS.progress, onSubmit(services, async (actor, form) => {
    await services.inquiries.recordProgress(form.metadata.inquiryId ?? '', actor.id, {
      note: form.text('note'),
      stage: form.text('stage') as 'intermediate',
    });
    return null;
  }));
}
