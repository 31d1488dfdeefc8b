import { z } from 'zod';
import { translate } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import type { FormValues } from '../cards/forms.js';
import type { TeamsRouter } from '../router.js';
import { registerFormDialog } from './form-dialog.js';
import { dialogInquiry, inquiryData } from './inquiry-dialog.js';

/** Opened from the "client did not answer twice" prompt, the letter starts as the procedure's draft (R31.callback). */
const dialogData = inquiryData.extend({ draft: z.literal('missed_call').optional() });

/**
 * R36.signature / R14.reply-1wd: the owner's e-mail to the client. The signature is checked before the form
 * opens, so nobody types a letter that cannot leave; a refusal after that keeps the text, shown under it.
 */
export function register(router: TeamsRouter, context: PlatformContext): void {
  registerFormDialog(router, {
    name: 'reply_email',
    data: dialogData,
    fieldOfPath: { text: 'text' },
    refusalField: 'text',
    before: (turn) => context.messaging.assertCanSign(turn.actor.id),
    async spec(turn, { inquiryId }) {
      const { inquiry, title } = await dialogInquiry(context, turn, inquiryId, 'form.reply.title');
      return {
        title,
        dialog: 'reply_email',
        hidden: { inquiryId: inquiry.id },
        fields: [{ id: 'text', label: translate(turn.language, 'form.reply.text'), kind: 'multiline', required: true, maxLength: 50_000 }],
      };
    },
    async initial(_turn, { inquiryId, draft }): Promise<FormValues> {
      return draft === 'missed_call' ? { text: (await context.clientChannel.missedCallDraft(inquiryId)).text } : {};
    },
    async submit(turn, { inquiryId }, values) {
      const email = await context.messaging.replyToClient(inquiryId, turn.actor.id, values.text ?? '');
      const { inquiry } = await context.queries.get(email.inquiryId);
      return { message: translate(turn.language, 'reply.email_queued', { number: inquiry.registryNumber }) };
    },
  });
}
