import { translate } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import type { TeamsRouter } from '../router.js';
import { registerFormDialog } from './form-dialog.js';
import { dialogMeeting, meetingData } from './inquiry-dialog.js';

/**
 * R48.meeting-summary-2wd: the summary to the client, starting from the decisions recorded; it is e-mailed in
 * the client's language (a letter without an address) and signed (R36.signature, checked before the form opens).
 */
export function register(router: TeamsRouter, context: PlatformContext): void {
  registerFormDialog(router, {
    name: 'send_summary',
    data: meetingData,
    fieldOfPath: { text: 'text' },
    refusalField: 'text',
    before: (turn, { inquiryId }) => context.clientChannel.assertCanAnswer(turn.actor.id, inquiryId, 'meeting_summary'),
    async spec(turn, { inquiryId, meetingId }) {
      const { title } = await dialogMeeting(context, turn, inquiryId, meetingId, 'form.summary.title');
      return {
        title,
        dialog: 'send_summary',
        hidden: { inquiryId, meetingId },
        fields: [{ id: 'text', label: translate(turn.language, 'form.summary.text'), kind: 'multiline', required: true, maxLength: 20_000 }],
      };
    },
    async initial(turn, { inquiryId, meetingId }) {
      const { meeting } = await dialogMeeting(context, turn, inquiryId, meetingId, 'form.summary.title');
      return { text: meeting.decisions ?? '' };
    },
    async submit(turn, { inquiryId, meetingId }, values) {
      await context.clientChannel.sendMeetingSummary(meetingId, turn.actor.id, values.text ?? '');
      const { inquiry } = await context.queries.get(inquiryId);
      return { message: translate(turn.language, 'reply.summary_sent', { number: inquiry.registryNumber }) };
    },
  });
}
