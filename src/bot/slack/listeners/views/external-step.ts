import type { App, ViewSubmitAction } from '@slack/bolt';
import { translate } from '../../../core/i18n/index.js';
import { CALLBACKS } from '../../render/modals.js';
import type { SlackServices } from '../../services.js';
import { onSubmit, whenText } from './form.js';

/** R24.other-institution: the step is tracked like a deadline (a reminder with Record decision). */
export function register(app: App, services: SlackServices): void {
  app.view<ViewSubmitAction>(CALLBACKS.externalStep, onSubmit(services, async (actor, form) => {
    const step = await services.externalSteps.add(form.metadata.inquiryId ?? '', actor.id, {
      institution: form.text('institution'),
      what: form.text('what'),
      dueAt: form.requiredDate('dueAt'),
    });
    return translate(actor.language, 'reply.step_added', {
      number: form.metadata.number ?? '',
      institution: step.institution,
      due: whenText(services, actor.language, step.dueAt),
    });
  }));
}
