import { PROGRESS_STAGES, type ProgressStage } from '../../../domain/events.js';
import { translate } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import type { TeamsRouter } from '../router.js';
import { registerFormDialog } from './form-dialog.js';
import { dialogInquiry, inquiryData } from './inquiry-dialog.js';

/** R19.status: an intermediate result or a decision; the notifier then offers to tell the client. */
export function register(router: TeamsRouter, context: PlatformContext): void {
  registerFormDialog(router, {
    name: 'record_progress',
    data: inquiryData,
    fieldOfPath: { note: 'note', stage: 'stage' },
    async spec(turn, { inquiryId }) {
      const t = (key: Parameters<typeof translate>[1]) => translate(turn.language, key);
      const { inquiry, title } = await dialogInquiry(context, turn, inquiryId, 'form.progress.title');
      return {
        title,
        dialog: 'record_progress',
        hidden: { inquiryId: inquiry.id },
        fields: [
          { id: 'note', label: t('form.progress.note'), kind: 'multiline', required: true, maxLength: 3000 },
          { id: 'stage', label: t('form.progress.stage'), kind: 'choice', required: true, choices: PROGRESS_STAGES.map((value) => ({ title: t(`form.progress.${value}`), value })) },
        ],
      };
    },
    initial: async () => ({ stage: 'intermediate' }),
    async submit(turn, { inquiryId }, values) {
      const inquiry = await context.inquiries.recordProgress(inquiryId, turn.actor.id, { note: values.note ?? '', stage: values.stage as ProgressStage });
      return { message: translate(turn.language, 'reply.progress_recorded', { number: inquiry.registryNumber }) };
    },
  });
}
