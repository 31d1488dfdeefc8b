import type { App, ViewSubmitAction } from '@slack/bolt';
import { DomainError } from '../../../../domain/errors.js';
import { formatWhen } from '../../../core/format-time.js';
import { translate } from '../../../core/i18n/index.js';
import { CALLBACKS } from '../../render/modals.js';
import type { SlackServices } from '../../services.js';
import { onSubmit } from './form.js';

/** R14.holding-reply: the promised date becomes the resolution deadline. */
export function register(app: App, services: SlackServices): void {
  app.view<ViewSubmitAction>(CALLBACKS.holdingReply, onSubmit(services, async (actor, form) => {
    const promisedBy = form.date('promisedBy');
    if (promisedBy === null) {
      throw new DomainError('INPUT.INVALID', 'promisedBy is required', { fields: [{ path: 'promisedBy', message: 'required' }] });
    }
    const inquiry = await services.inquiries.sendHoldingReply(form.metadata.inquiryId ?? '', actor.id, promisedBy);
    const due = formatWhen(promisedBy, actor.language, services.clock.now(), services.config.TIME_ZONE);
    return translate(actor.language, 'reply.holding_sent', { number: inquiry.registryNumber, due });
  }));
}
