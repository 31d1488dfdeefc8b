import { ESCALATION_TYPES, type EscalationType } from '../../../domain/escalation.js';
import { translate } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import type { TeamsRouter } from '../router.js';
import { registerFormDialog } from './form-dialog.js';
import { localInstant } from './form-input.js';
import { dialogInquiry, inquiryData } from './inquiry-dialog.js';

const FIELD_OF_PATH: Record<string, string> = {
  type: 'type',
  whatHappened: 'whatHappened',
  clientToldWhat: 'clientToldWhat',
  followUpAt: 'followUpAt',
};

/** R54.escalate-unresolved / R58.incident: the escalation dialog; the manager's DM comes from the notifier. */
export function register(router: TeamsRouter, context: PlatformContext): void {
  registerFormDialog(router, {
    name: 'escalate',
    data: inquiryData,
    fieldOfPath: FIELD_OF_PATH,
    async spec(turn, { inquiryId }) {
      const t = (key: Parameters<typeof translate>[1]) => translate(turn.language, key);
      const { inquiry, title } = await dialogInquiry(context, turn, inquiryId, 'form.escalation.title');
      return {
        title,
        dialog: 'escalate',
        hidden: { inquiryId: inquiry.id },
        fields: [
          { id: 'type', label: t('form.escalation.type'), kind: 'choice', required: true, choices: ESCALATION_TYPES.map((value) => ({ title: t(`form.escalation.${value}`), value })) },
          { id: 'whatHappened', label: t('form.escalation.what_happened'), kind: 'multiline', required: true, maxLength: 3000 },
          { id: 'clientToldWhat', label: t('form.escalation.client_told'), kind: 'multiline', maxLength: 2000 },
          { id: 'followUpAt', label: t('form.escalation.follow_up'), kind: 'datetime' },
        ],
      };
    },
    async submit(turn, { inquiryId }, values) {
      await context.escalations.raise(inquiryId, turn.actor.id, {
        type: values.type as EscalationType,
        whatHappened: values.whatHappened ?? '',
        clientToldWhat: values.clientToldWhat ?? '',
        followUpAt: localInstant(values, 'followUpAt', context.config.TIME_ZONE),
      });
      const { inquiry } = await context.queries.get(inquiryId);
      return { message: translate(turn.language, 'reply.escalated', { number: inquiry.registryNumber }) };
    },
  });
}
