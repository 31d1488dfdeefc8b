import { formatWhen } from '../../core/format-time.js';
import { translate } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import type { TeamsRouter } from '../router.js';
import { registerFormDialog } from './form-dialog.js';
import { requiredInstant } from './form-input.js';
import { dialogInquiry, futureTime, inquiryData } from './inquiry-dialog.js';

/** R24.other-institution: what the inquiry waits for from another institution, and by when (watched like a deadline). */
export function register(router: TeamsRouter, context: PlatformContext): void {
  const { config, clock } = context;
  registerFormDialog(router, {
    name: 'external_step',
    data: inquiryData,
    fieldOfPath: { institution: 'institution', what: 'what', dueAt: 'dueAt' },
    explain: { dueAt: futureTime },
    async spec(turn, { inquiryId }) {
      const t = (key: Parameters<typeof translate>[1]) => translate(turn.language, key);
      const { inquiry, title } = await dialogInquiry(context, turn, inquiryId, 'form.step.title');
      return {
        title,
        dialog: 'external_step',
        hidden: { inquiryId: inquiry.id },
        fields: [
          { id: 'institution', label: t('form.step.institution'), kind: 'text', required: true, maxLength: 200 },
          { id: 'what', label: t('form.step.what'), kind: 'multiline', required: true, maxLength: 2000 },
          { id: 'dueAt', label: t('form.step.due'), kind: 'datetime', required: true },
        ],
      };
    },
    async submit(turn, { inquiryId }, values) {
      const dueAt = requiredInstant(values, 'dueAt', config.TIME_ZONE);
      const step = await context.externalSteps.add(inquiryId, turn.actor.id, { institution: values.institution ?? '', what: values.what ?? '', dueAt });
      const { inquiry } = await context.queries.get(inquiryId);
      const due = formatWhen(step.dueAt, turn.language, clock.now(), config.TIME_ZONE);
      return { message: translate(turn.language, 'reply.step_added', { number: inquiry.registryNumber, institution: step.institution, due }) };
    },
  });
}
