import type { App, ViewSubmitAction } from '@slack/bolt';
import { isMissed } from '../../../../domain/call-log.js';
import { translate } from '../../../core/i18n/index.js';
import { CALLBACKS } from '../../render/modals.js';
import type { SlackServices } from '../../services.js';
import { onSubmit, whenText } from './form.js';

/**
 * R44.call-notes / R16.expectations: the summary goes to the timeline; the notifier puts it in the thread.
 * R31.callback: a missed call names when to try again (required on a first miss, no sooner than 30 minutes).
 */
export function register(app: App, services: SlackServices): void {
  app.view<ViewSubmitAction>(CALLBACKS.logCall, onSubmit(services, async (actor, form) => {
    const outcome = form.text('outcome') as 'reached';
    const retryAt = form.date('retryAt');
    const inquiry = await services.calls.logCall(form.metadata.inquiryId ?? '', actor.id, {
      outcome,
      summary: form.text('summary'),
      clientExpectation: form.text('clientExpectation'),
      alternativesOffered: form.text('alternativesOffered'),
      risksExplained: form.text('risksExplained'),
      nextStep: form.text('nextStep'),
      nextStepDue: form.date('nextStepDue'),
      emailSummaryToClient: form.checked('emailSummaryToClient'),
      retryAt,
    });
    const number = inquiry.registryNumber;
    return isMissed(outcome) && retryAt
      ? translate(actor.language, 'reply.retry_scheduled', { number, when: whenText(services, actor.language, retryAt) })
      : translate(actor.language, 'reply.call_logged', { number });
  }));
}
