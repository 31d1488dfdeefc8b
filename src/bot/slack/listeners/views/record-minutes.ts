import type { App, ViewSubmitAction } from '@slack/bolt';
import { translate } from '../../../core/i18n/index.js';
import { CALLBACKS } from '../../render/modals.js';
import type { SlackServices } from '../../services.js';
import { onSubmit, whenText } from './form.js';

/** R45.meetings / R48.meeting-summary-2wd: the minutes start the two working days the summary is due in. */
export function register(app: App, services: SlackServices): void {
  app.view<ViewSubmitAction>(CALLBACKS.minutes, onSubmit(services, async (actor, form) => {
    const meeting = await services.meetings.recordMinutes(form.metadata.meetingId ?? '', actor.id, {
      decisions: form.text('decisions'),
      keyPoints: form.text('keyPoints'),
    });
    return translate(actor.language, 'reply.minutes_recorded', { number: form.metadata.number ?? '', due: whenText(services, actor.language, meeting.summaryDue!) });
  }));
}
