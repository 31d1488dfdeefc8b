import { CALL_OUTCOMES, isMissed, type CallOutcome } from '../../../domain/call-log.js';
import { formatWhen } from '../../core/format-time.js';
import { translate } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import type { DialogResult, TeamsRouter, Turn } from '../router.js';
import { registerFormDialog } from './form-dialog.js';
import { localInstant } from './form-input.js';
import { dialogInquiry, inquiryData } from './inquiry-dialog.js';


/** Form field of each path the call-log schema and the call service may reject. */
const FIELD_OF_PATH: Record<string, string> = {
  outcome: 'outcome',
  summary: 'summary',
  clientExpectation: 'clientExpectation',
  alternativesOffered: 'alternativesOffered',
  risksExplained: 'risksExplained',
  nextStep: 'nextStep',
  nextStepDue: 'nextStepDue',
  retryAt: 'retryAt',
};

/**
 * R44.call-notes / R16.expectations: the post-call summary dialog. R31.callback: a missed call names when to
 * try again; a retry too soon (or missing on the first miss) is shown under that field.
 */
export function register(router: TeamsRouter, context: PlatformContext): void {
  const zone = context.config.TIME_ZONE;
  registerFormDialog(router, {
    name: 'log_call',
    data: inquiryData,
    fieldOfPath: FIELD_OF_PATH,
    explain: { retryAt: (turn) => translate(turn.language, 'form.reason.too_soon', { minutes: context.config.CALLBACK_MIN_MINUTES }) },
    async spec(turn, { inquiryId }) {
      const t = (key: Parameters<typeof translate>[1]) => translate(turn.language, key);
      const { inquiry, title } = await dialogInquiry(context, turn, inquiryId, 'form.call.title');
      return {
        title,
        dialog: 'log_call',
        hidden: { inquiryId: inquiry.id },
        fields: [
          { id: 'outcome', label: t('form.call.outcome'), kind: 'choice', required: true, choices: CALL_OUTCOMES.map((value) => ({ title: t(`outcome.${value}`), value })) },
          { id: 'summary', label: t('form.call.summary'), kind: 'multiline', maxLength: 3000 },
          { id: 'clientExpectation', label: t('form.call.expectation'), kind: 'multiline', maxLength: 1000 },
          { id: 'alternativesOffered', label: t('form.call.alternatives'), kind: 'multiline', maxLength: 1000 },
          { id: 'risksExplained', label: t('form.call.risks'), kind: 'multiline', maxLength: 1000 },
          { id: 'nextStep', label: t('form.call.next_step'), kind: 'text', maxLength: 1000 },
          { id: 'nextStepDue', label: t('form.call.next_step_due'), kind: 'datetime' },
          { id: 'retryAt', label: t('form.call.retry_at'), kind: 'datetime' },
          { id: 'emailSummaryToClient', label: t('form.call.email_summary'), kind: 'toggle' },
        ],
      };
    },
    async submit(turn, { inquiryId }, values): Promise<DialogResult> {
      const outcome = values.outcome as CallOutcome;
      const inquiry = await context.calls.logCall(inquiryId, turn.actor.id, {
        outcome,
        summary: values.summary ?? '',
        clientExpectation: values.clientExpectation ?? '',
        alternativesOffered: values.alternativesOffered ?? '',
        risksExplained: values.risksExplained ?? '',
        nextStep: values.nextStep ?? '',
        nextStepDue: localInstant(values, 'nextStepDue', zone),
        emailSummaryToClient: values.emailSummaryToClient === 'true',
        retryAt: localInstant(values, 'retryAt', zone),
      });
      return { message: answer(turn, inquiry.registryNumber, isMissed(outcome) ? inquiry.nextCall?.at ?? null : null) };
    },
  });

  function answer(turn: Turn, number: string, retryAt: Date | null): string {
    if (retryAt === null) return translate(turn.language, 'reply.call_logged', { number });
    return translate(turn.language, 'reply.retry_scheduled', { number, when: formatWhen(retryAt, turn.language, context.clock.now(), zone) });
  }
}
