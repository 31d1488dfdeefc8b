import { z } from 'zod';
import { DomainError } from '../../../domain/errors.js';
import { describeError } from '../../core/describe-error.js';
import { formatWhen } from '../../core/format-time.js';
import { translate, type Language } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import { formCard, type FormErrors, type FormSpec, type FormValues } from '../cards/forms.js';
import type { DialogResult, TeamsRouter, Turn } from '../router.js';
import { fieldErrors, formValues, localInstant } from './form-input.js';

const dialogData = z.object({ inquiryId: z.string().min(1) });

function spec(language: Language, inquiryId: string, registryNumber: string): FormSpec {
  return {
    title: `${translate(language, 'form.holding.title')} · ${registryNumber}`,
    dialog: 'holding_reply',
    hidden: { inquiryId },
    fields: [{ id: 'promisedBy', label: translate(language, 'form.holding.promised_by'), kind: 'datetime', required: true }],
  };
}

/** R14.holding-reply: the date promised to the client; a date the domain refuses is shown under the field. */
export function register(router: TeamsRouter, context: PlatformContext): void {
  const form = async (turn: Turn, inquiryId: string, values?: FormValues, errors?: FormErrors): Promise<DialogResult> => {
    const { inquiry } = await context.queries.get(inquiryId);
    const shape = spec(turn.language, inquiry.id, inquiry.registryNumber);
    return { form: { title: shape.title, card: formCard(shape, turn.language, values, errors) } };
  };

  router.onDialog('holding_reply', {
    fetch: (turn, data) => form(turn, dialogData.parse(data).inquiryId),
    async submit(turn, data) {
      const { inquiryId } = dialogData.parse(data);
      const values = formValues(data);
      try {
        const promisedBy = localInstant(values, 'promisedBy', context.config.TIME_ZONE);
        if (promisedBy === null) return form(turn, inquiryId, values, { promisedBy: translate(turn.language, 'form.required') });
        const inquiry = await context.inquiries.sendHoldingReply(inquiryId, turn.actor.id, promisedBy);
        const due = formatWhen(promisedBy, turn.language, context.clock.now(), context.config.TIME_ZONE);
        return { message: translate(turn.language, 'reply.holding_sent', { number: inquiry.registryNumber, due }) };
      } catch (error) {
        if (error instanceof DomainError && error.code === 'INQUIRY.PROMISE_INVALID') {
          return form(turn, inquiryId, values, { promisedBy: describeError(error, turn.language) });
        }
        const errors = fieldErrors(error, { promisedBy: 'promisedBy' }, values, turn.language);
        if (!errors) throw error;
        return form(turn, inquiryId, values, errors);
      }
    },
  });
}
