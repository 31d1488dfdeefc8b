import type { App, ViewSubmitAction } from '@slack/bolt';
import { translate } from '../../../core/i18n/index.js';
import { CALLBACKS } from '../../render/modals.js';
import type { SlackServices } from '../../services.js';
import { onSubmit } from './form.js';

/** R7.channels: a phone, in-person or letter inquiry, registered by the staff member who took it. */
export function register(app: App, services: SlackServices): void {
  app.view<ViewSubmitAction>(CALLBACKS.newInquiry, onSubmit(services, async (actor, form) => {
    const { inquiry } = await services.inquiries.register({
      kind: form.text('kind') as 'request',
      channel: form.text('channel') as 'phone',
      externalId: null,
      client: {
        name: form.text('client.name'),
        email: form.optionalText('client.email'),
        phone: form.optionalText('client.phone'),
        language: form.text('client.language') || 'lt',
      },
      subject: form.text('subject'),
      body: form.text('body'),
      receivedAt: services.clock.now(),
      registeredById: actor.id,
    });
    return translate(actor.language, 'reply.registered', { number: inquiry.registryNumber });
  }, { client: 'client.email' }));
}
