import type { App, ViewSubmitAction } from '@slack/bolt';
import { translate } from '../../../core/i18n/index.js';
import { CALLBACKS } from '../../render/modals.js';
import type { SlackServices } from '../../services.js';
import { onSubmit } from './form.js';

/** R54.escalate-unresolved / R58.incident: raised to the direct manager; the notifier delivers it. */
export function register(app: App, services: SlackServices): void {
  app.view<ViewSubmitAction>(CALLBACKS.escalate, onSubmit(services, async (actor, form) => {
    await services.escalations.raise(form.metadata.inquiryId ?? '', actor.id, {
      type: form.text('type') as 'conflict',
      whatHappened: form.text('whatHappened'),
      clientToldWhat: form.text('clientToldWhat'),
      followUpAt: form.date('followUpAt'),
    });
    return translate(actor.language, 'reply.escalated', { number: form.metadata.number ?? '' });
  }));
}
