import type { App, ViewSubmitAction } from '@slack/bolt';
import { translate } from '../../../core/i18n/index.js';
import { CALLBACKS } from '../../render/modals.js';
import type { SlackServices } from '../../services.js';
import { onSubmit, whenText } from './form.js';

/** R29.agreed-time: the owner is reminded shortly before the agreed time, with the history and this plan. */
export function register(app: App, services: SlackServices): void {
  app.view<ViewSubmitAction>(CALLBACKS.scheduleCall, onSubmit(services, async (actor, form) => {
    const at = form.requiredDate('at');
    const inquiry = await services.calls.scheduleCall(form.metadata.inquiryId ?? '', actor.id, { at, plan: form.text('plan') });
    return translate(actor.language, 'reply.call_scheduled', {
      number: inquiry.registryNumber,
      when: whenText(services, actor.language, at),
      lead: services.config.CALL_REMINDER_LEAD_MINUTES,
    });
  }));
}
