import type { App, ViewSubmitAction } from '@slack/bolt';
import { translate } from '../../../core/i18n/index.js';
import { CALLBACKS } from '../../render/modals.js';
import type { SlackServices } from '../../services.js';
import { onSubmit } from './form.js';

/**
 * R14.reply-1wd / R36.signature: the reply is queued for the client (sent by the mailer through the outbox)
 * and counts as the first reply; the announcement follows from `first_reply_sent` through the notifier.
 */
export function register(app: App, services: SlackServices): void {
  app.view<ViewSubmitAction>(CALLBACKS.replyEmail, onSubmit(services, async (actor, form) => {
    await services.messaging.replyToClient(form.metadata.inquiryId ?? '', actor.id, form.text('text'));
    return translate(actor.language, 'reply.email_queued', { number: form.metadata.number ?? '' });
  }));
}
