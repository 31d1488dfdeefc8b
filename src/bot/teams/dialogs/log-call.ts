import { z } from 'zod';
import { CALL_OUTCOMES } from '../../../domain/call-log.js';
import { translate, type Language } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import { formCard, type FormErrors, type FormSpec, type FormValues } from '../cards/forms.js';
import type { DialogResult, TeamsRouter, Turn } from '../router.js';
import { fieldErrors, formValues, localInstant } from './form-input.js';

const dialogData = z.object({ inquiryId: z.string().min(1) });

/** Form field of each path the call-log schema may reject. */
const FIELD_OF_PATH: Record<string, string> = {
  outcome: 'outcome',
  summary: 'summary',
  clientExpectation: 'clientExpectation',
  alternativesOffered: 'alternativesOffered',
  risksExplained: 'risksExplained',
  nextStep: 'nextStep',
  nextStepDue: 'nextStepDue',
};

function spec(language: Language, inquiryId: string, registryNumber: string): FormSpec {
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
  return {
    title: `${t('form.call.title')} · ${registryNumber}`,
    dialog: 'log_call',
    hidden: { inquiryId },
    fields: [
      { id: 'outcome', label: t('form.call.outcome'), kind: 'choice', required: true, choices: CALL_OUTCOMES.map((value) => ({ title: t(`outcome.${value}`), value })) },
      { id: 'summary', label: t('form.call.summary'), kind: 'multiline', maxLength: 3000 },
      { id: 'clientExpectation', label: t('form.call.expectation'), kind: 'multiline', maxLength: 1000 },
      { id: 'alternativesOffered', label: t('form.call.alternatives'), kind: 'multiline', maxLength: 1000 },
      { id: 'risksExplained', label: t('form.call.risks'), kind: 'multiline', maxLength: 1000 },
      { id: 'nextStep', label: t('form.call.next_step'), kind: 'text', maxLength: 1000 },
      { id: 'nextStepDue', label: t('form.call.next_step_due'), kind: 'datetime' },
      { id: 'emailSummaryToClient', label: t('form.call.email_summary'), kind: 'toggle' },
    ],
  };
}

/** R44.call-notes / R16.expectations: the post-call summary dialog; rejected input comes back with its errors. */
export function register(router: TeamsRouter, context: PlatformContext): void {
  const form = async (turn: Turn, inquiryId: string, values?: FormValues, errors?: FormErrors): Promise<DialogResult> => {
    const { inquiry } = await context.queries.get(inquiryId);
    const shape = spec(turn.language, inquiry.id, inquiry.registryNumber);
    return { form: { title: shape.title, card: formCard(shape, turn.language, values, errors) } };
  };

  router.onDialog('log_call', {
    fetch: (turn, data) => form(turn, dialogData.parse(data).inquiryId),
    async submit(turn, data) {
      const { inquiryId } = dialogData.parse(data);
      const values = formValues(data);
      try {
        const inquiry = await context.inquiries.logCall(inquiryId, turn.actor.id, {
          outcome: values.outcome as (typeof CALL_OUTCOMES)[number],
          summary: values.summary ?? '',
          clientExpectation: values.clientExpectation ?? '',
          alternativesOffered: values.alternativesOffered ?? '',
          risksExplained: values.risksExplained ?? '',
          nextStep: values.nextStep ?? '',
          nextStepDue: localInstant(values, 'nextStepDue', context.config.TIME_ZONE),
          emailSummaryToClient: values.emailSummaryToClient === 'true',
        });
        return { message: translate(turn.language, 'reply.call_logged', { number: inquiry.registryNumber }) };
      } catch (error) {
        const errors = fieldErrors(error, FIELD_OF_PATH, values, turn.language);
        if (!errors) throw error;
        return form(turn, inquiryId, values, errors);
      }
    },
  });
}
