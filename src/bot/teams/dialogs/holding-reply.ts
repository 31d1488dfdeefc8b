import { formatWhen } from '../../core/format-time.js';
import { translate } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import type { TeamsRouter } from '../router.js';
import { registerFormDialog } from './form-dialog.js';
import { requiredInstant } from './form-input.js';
import { dialogInquiry, inquiryData } from './inquiry-dialog.js';

/** R14.holding-reply: the date promised to the client; a date the domain refuses is shown under the field. */
export function register(router: TeamsRouter, context: PlatformContext): void {
  registerFormDialog(router, {
    name: 'holding_reply',
    data: inquiryData,
    fieldOfPath: { promisedBy: 'promisedBy' },
    refusalField: 'promisedBy',
    refusalCodes: ['INQUIRY.PROMISE_INVALID'],
    async spec(turn, { inquiryId }) {
      const { inquiry, title } = await dialogInquiry(context, turn, inquiryId, 'form.holding.title');
      return {
        title,
        dialog: 'holding_reply',
        hidden: { inquiryId: inquiry.id },
        fields: [{ id: 'promisedBy', label: translate(turn.language, 'form.holding.promised_by'), kind: 'datetime', required: true }],
      };
    },
    async submit(turn, { inquiryId }, values) {
      const promisedBy = requiredInstant(values, 'promisedBy', context.config.TIME_ZONE);
      const inquiry = await context.inquiries.sendHoldingReply(inquiryId, turn.actor.id, promisedBy);
      const due = formatWhen(promisedBy, turn.language, context.clock.now(), context.config.TIME_ZONE);
      return { message: translate(turn.language, 'reply.holding_sent', { number: inquiry.registryNumber, due }) };
    },
  });
}
