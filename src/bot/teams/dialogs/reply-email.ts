import { z } from 'zod';
import { DomainError } from '../../../domain/errors.js';
import { describeError } from '../../core/describe-error.js';
import { translate, type Language } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import { formCard, type FormErrors, type FormSpec, type FormValues } from '../cards/forms.js';
import type { DialogResult, TeamsRouter, Turn } from '../router.js';
import { fieldErrors, formValues } from './form-input.js';

const dialogData = z.object({ inquiryId: z.string().min(1) });

function spec(language: Language, inquiryId: string, registryNumber: string): FormSpec {
  return {
    title: `${translate(language, 'form.reply.title')} · ${registryNumber}`,
    dialog: 'reply_email',
    hidden: { inquiryId },
    fields: [{ id: 'text', label: translate(language, 'form.reply.text'), kind: 'multiline', required: true, maxLength: 50_000 }],
  };
}

/**
 * R36.signature / R14.reply-1wd: the owner's e-mail to the client. The signature is checked before the form
 * opens, so nobody types a letter that cannot leave; a refusal comes back as words from the router.
 */
export function register(router: TeamsRouter, context: PlatformContext): void {
  const form = async (turn: Turn, inquiryId: string, values?: FormValues, errors?: FormErrors): Promise<DialogResult> => {
    const { inquiry } = await context.queries.get(inquiryId);
    const shape = spec(turn.language, inquiry.id, inquiry.registryNumber);
    return { form: { title: shape.title, card: formCard(shape, turn.language, values, errors) } };
  };

  router.onDialog('reply_email', {
    async fetch(turn, data) {
      const { inquiryId } = dialogData.parse(data);
      await context.messaging.assertCanSign(turn.actor.id);
      return form(turn, inquiryId);
    },
    async submit(turn, data) {
      const { inquiryId } = dialogData.parse(data);
      const values = formValues(data);
      try {
        const email = await context.messaging.replyToClient(inquiryId, turn.actor.id, values.text ?? '');
        const { inquiry } = await context.queries.get(email.inquiryId);
        return { message: translate(turn.language, 'reply.email_queued', { number: inquiry.registryNumber }) };
      } catch (error) {
        const errors = fieldErrors(error, { text: 'text' }, values, turn.language);
        if (errors) return form(turn, inquiryId, values, errors);
        // A refusal keeps the letter typed so far: it is shown under the text instead of closing the dialog.
        if (error instanceof DomainError) return form(turn, inquiryId, values, { text: describeError(error, turn.language) });
        throw error;
      }
    },
  });
}
