import type { App, ViewSubmitAction } from '@slack/bolt';
import { DomainError, StaffNotFoundError } from '../../../../domain/errors.js';
import { splitParticipants } from '../../../../domain/meeting.js';
import { translate } from '../../../core/i18n/index.js';
import { CALLBACKS } from '../../render/modals.js';
import type { SlackServices } from '../../services.js';
import { NOT_STAFF, onSubmit, whenText, type SubmittedForm } from './form.js';

/** R45.meetings: a chair and a recorder agreed beforehand (Slack members mapped to staff), the agenda, the previous key points. */
export function register(app: App, services: SlackServices): void {
  app.view<ViewSubmitAction>(CALLBACKS.planMeeting, onSubmit(services, async (actor, form) => {
    const [chairId, recorderId] = await staffPicked(services, form, ['chairId', 'recorderId']);
    const meeting = await services.meetings.plan(form.metadata.inquiryId ?? '', actor.id, {
      format: form.text('format') as 'in_person',
      startsAt: form.requiredDate('startsAt'),
      chairId: chairId!,
      recorderId: recorderId!,
      agenda: form.text('agenda'),
      participants: splitParticipants(form.text('participants')),
      previousKeyPoints: form.text('previousKeyPoints'),
    });
    return translate(actor.language, 'reply.meeting_planned', { number: form.metadata.number ?? '', when: whenText(services, actor.language, meeting.startsAt) });
  }));
}

/** The staff ids of the members picked in `blockIds`; someone missing or not on the staff list is refused beside their field. */
async function staffPicked(services: SlackServices, form: SubmittedForm, blockIds: string[]): Promise<string[]> {
  const fields: Array<{ path: string; message: string }> = [];
  const ids: string[] = [];
  for (const blockId of blockIds) {
    const slackUser = form.person(blockId);
    if (slackUser === null) {
      fields.push({ path: blockId, message: 'required' });
      continue;
    }
    try {
      ids.push((await services.staff.findBySlackUser(slackUser)).id);
    } catch (error) {
      if (!(error instanceof StaffNotFoundError)) throw error;
      fields.push({ path: blockId, message: NOT_STAFF });
    }
  }
  if (fields.length > 0) throw new DomainError('INPUT.INVALID', `Invalid input: ${fields.map((field) => field.path).join(', ')}`, { fields });
  return ids;
}
