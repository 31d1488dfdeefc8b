import type { App, ViewSubmitAction } from '@slack/bolt';
import { translate } from '../../../core/i18n/index.js';
import { CALLBACKS } from '../../render/modals.js';
import type { SlackServices } from '../../services.js';
import { onSubmit } from './form.js';

/** R44.call-notes / R16.expectations: the summary goes to the timeline; the notifier puts it in the thread. */
export function register(app: App, services: SlackServices): void {
  app.view<ViewSubmitAction>(CALLBACKS.logCall, onSubmit(services, async (actor, form) => {
    const inquiry = await services.inquiries.logCall(form.metadata.inquiryId ?? '', actor.id, {
      outcome: form.text('outcome') as 'reached',
      summary: form.text('summary'),
      clientExpectation: form.text('clientExpectation'),
      alternativesOffered: form.text('alternativesOffered'),
      risksExplained: form.text('risksExplained'),
      nextStep: form.text('nextStep'),
      nextStepDue: form.date('nextStepDue'),
      emailSummaryToClient: form.checked('emailSummaryToClient'),
    });
    return translate(actor.language, 'reply.call_logged', { number: inquiry.registryNumber });
  }));
}
