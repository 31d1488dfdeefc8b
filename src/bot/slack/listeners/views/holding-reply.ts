import type { App, ViewSubmitAction } from '@slack/bolt';
import { translate } from '../../../core/i18n/index.js';
import { CALLBACKS } from '../../render/modals.js';
import type { SlackServices } from '../../services.js';
import { onSubmit, whenText } from './form.js';

/** R14.holding-reply: the promised date becomes the resolution deadline. */
export function register(app: App, services: SlackServices): void {
  app.view<ViewSubmitAction>(CALLBACKS.holdingReply, onSubmit(services, async (actor, form) => {
    const promisedBy = form.requiredDate('promisedBy');
    const inquiry = await services.inquiries.sendHoldingReply(form.metadata.inquiryId ?? '', actor.id, promisedBy);
    return translate(actor.language, 'reply.holding_sent', { number: inquiry.registryNumber, due: whenText(services, actor.language, promisedBy) });
  }));
}
