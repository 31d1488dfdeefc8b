import { letterUrl } from '../../core/inquiry-story.js';
import { translate } from '../../core/i18n/index.js';
import { publicUrl } from '../../core/story-loader.js';
import type { PlatformContext } from '../../platform.js';
import { letterCard } from '../cards/workflow-cards.js';
import type { TeamsRouter } from '../router.js';
import { registerFormDialog } from './form-dialog.js';
import { dialogInquiry, inquiryData } from './inquiry-dialog.js';

/**
 * R55.same-channel: a written answer on paper. The dialog ends on the link to the printable, signed letter
 * (R36.signature: an incomplete profile is refused before the form opens).
 */
export function register(router: TeamsRouter, context: PlatformContext): void {
  registerFormDialog(router, {
    name: 'write_letter',
    data: inquiryData,
    fieldOfPath: { text: 'text' },
    refusalField: 'text',
    before: (turn, { inquiryId }) => context.clientChannel.assertCanAnswer(turn.actor.id, inquiryId, 'letter'),
    async spec(turn, { inquiryId }) {
      const { inquiry, title } = await dialogInquiry(context, turn, inquiryId, 'form.letter.title');
      return {
        title,
        dialog: 'write_letter',
        hidden: { inquiryId: inquiry.id },
        fields: [{ id: 'text', label: translate(turn.language, 'form.letter.text'), kind: 'multiline', required: true, maxLength: 20_000 }],
      };
    },
    async submit(turn, { inquiryId }, values) {
      const letter = await context.clientChannel.issueLetter(inquiryId, turn.actor.id, values.text ?? '');
      const { inquiry } = await context.queries.get(inquiryId);
      const text = translate(turn.language, 'reply.letter_issued', { number: inquiry.registryNumber });
      const title = translate(turn.language, 'form.letter.title');
      return { form: { title, card: letterCard(text, letterUrl(publicUrl(context), letter.id), turn.language) } };
    },
  });
}
