import { formatWhen } from '../../core/format-time.js';
import { translate } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import type { TeamsRouter } from '../router.js';
import { registerFormDialog } from './form-dialog.js';
import { requiredInstant } from './form-input.js';
import { dialogInquiry, futureTime, inquiryData } from './inquiry-dialog.js';

/** R29.agreed-time: a call agreed with the client; the owner is reminded shortly before, with this plan. */
export function register(router: TeamsRouter, context: PlatformContext): void {
  const { config, clock } = context;
  registerFormDialog(router, {
    name: 'schedule_call',
    data: inquiryData,
    fieldOfPath: { at: 'at', plan: 'plan' },
    explain: { at: futureTime },
    async spec(turn, { inquiryId }) {
      const t = (key: Parameters<typeof translate>[1]) => translate(turn.language, key);
      const { inquiry, title } = await dialogInquiry(context, turn, inquiryId, 'form.schedule.title');
      return {
        title,
        dialog: 'schedule_call',
        hidden: { inquiryId: inquiry.id },
        fields: [
          { id: 'at', label: t('form.schedule.at'), kind: 'datetime', required: true },
          { id: 'plan', label: t('form.schedule.plan'), kind: 'multiline', required: true, maxLength: 2000 },
        ],
      };
    },
    async submit(turn, { inquiryId }, values) {
      const at = requiredInstant(values, 'at', config.TIME_ZONE);
      const inquiry = await context.calls.scheduleCall(inquiryId, turn.actor.id, { at, plan: values.plan ?? '' });
      const when = formatWhen(at, turn.language, clock.now(), config.TIME_ZONE);
      return { message: translate(turn.language, 'reply.call_scheduled', { number: inquiry.registryNumber, when, lead: config.CALL_REMINDER_LEAD_MINUTES }) };
    },
  });
}
