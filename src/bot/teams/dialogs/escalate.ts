import { z } from 'zod';
import { ESCALATION_TYPES, type EscalationType } from '../../../domain/escalation.js';
import { translate, type Language } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import { formCard, type FormErrors, type FormSpec, type FormValues } from '../cards/forms.js';
import type { DialogResult, TeamsRouter, Turn } from '../router.js';
import { fieldErrors, formValues, localInstant } from './form-input.js';

const dialogData = z.object({ inquiryId: z.string().min(1) });

const FIELD_OF_PATH: Record<string, string> = {
  type: 'type',
  whatHappened: 'whatHappened',
  clientToldWhat: 'clientToldWhat',
  followUpAt: 'followUpAt',
};

function spec(language: Language, inquiryId: string, registryNumber: string): FormSpec {
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
  return {
    title: `${t('form.escalation.title')} · ${registryNumber}`,
    dialog: 'escalate',
    hidden: { inquiryId },
    fields: [
      { id: 'type', label: t('form.escalation.type'), kind: 'choice', required: true, choices: ESCALATION_TYPES.map((value) => ({ title: t(`form.escalation.${value}`), value })) },
      { id: 'whatHappened', label: t('form.escalation.what_happened'), kind: 'multiline', required: true, maxLength: 3000 },
      { id: 'clientToldWhat', label: t('form.escalation.client_told'), kind: 'multiline', maxLength: 2000 },
      { id: 'followUpAt', label: t('form.escalation.follow_up'), kind: 'datetime' },
    ],
  };
}

/** R54.escalate-unresolved / R58.incident: the escalation dialog; the manager's DM comes from the notifier. */
export function register(router: TeamsRouter, context: PlatformContext): void {
  const form = async (turn: Turn, inquiryId: string, values?: FormValues, errors?: FormErrors): Promise<DialogResult> => {
    const { inquiry } = await context.queries.get(inquiryId);
    const shape = spec(turn.language, inquiry.id, inquiry.registryNumber);
    return { form: { title: shape.title, card: formCard(shape, turn.language, values, errors) } };
  };

  router.onDialog('escalate', {
    fetch: (turn, data) => form(turn, dialogData.parse(data).inquiryId),
    async submit(turn, data) {
      const { inquiryId } = dialogData.parse(data);
      const values = formValues(data);
      try {
        await context.escalations.raise(inquiryId, turn.actor.id, {
          type: values.type as EscalationType,
          whatHappened: values.whatHappened ?? '',
          clientToldWhat: values.clientToldWhat ?? '',
          followUpAt: localInstant(values, 'followUpAt', context.config.TIME_ZONE),
        });
        const { inquiry } = await context.queries.get(inquiryId);
        return { message: translate(turn.language, 'reply.escalated', { number: inquiry.registryNumber }) };
      } catch (error) {
        const errors = fieldErrors(error, FIELD_OF_PATH, values, turn.language);
        if (!errors) throw error;
        return form(turn, inquiryId, values, errors);
      }
    },
  });
}
