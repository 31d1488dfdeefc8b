import { formatWhen } from '../../core/format-time.js';
import { translate } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import type { TeamsRouter } from '../router.js';
import { registerFormDialog } from './form-dialog.js';
import { dialogMeeting, meetingData } from './inquiry-dialog.js';

/** R45.meetings / R48.meeting-summary-2wd: the decisions taken; the summary to the client is due from now. */
export function register(router: TeamsRouter, context: PlatformContext): void {
  registerFormDialog(router, {
    name: 'record_minutes',
    data: meetingData,
    fieldOfPath: { decisions: 'decisions', keyPoints: 'keyPoints' },
    async spec(turn, { inquiryId, meetingId }) {
      const { title } = await dialogMeeting(context, turn, inquiryId, meetingId, 'form.minutes.title');
      return {
        title,
        dialog: 'record_minutes',
        hidden: { inquiryId, meetingId },
        fields: [
          { id: 'decisions', label: translate(turn.language, 'form.minutes.decisions'), kind: 'multiline', required: true, maxLength: 5000 },
          { id: 'keyPoints', label: translate(turn.language, 'form.minutes.key_points'), kind: 'multiline', maxLength: 3000 },
        ],
      };
    },
    async submit(turn, { inquiryId, meetingId }, values) {
      const meeting = await context.meetings.recordMinutes(meetingId, turn.actor.id, { decisions: values.decisions ?? '', keyPoints: values.keyPoints ?? '' });
      const { inquiry } = await context.queries.get(inquiryId);
      const due = formatWhen(meeting.summaryDue!, turn.language, context.clock.now(), context.config.TIME_ZONE);
      return { message: translate(turn.language, 'reply.minutes_recorded', { number: inquiry.registryNumber, due }) };
    },
  });
}
