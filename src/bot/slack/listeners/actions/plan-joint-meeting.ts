import type { App } from '@slack/bolt';
import type { SlackServices } from '../../services.js';
import { formRequest, onButton } from '../interaction.js';
import { openMeeting } from '../open-forms.js';

/** R24.other-institution: conflicting decisions → the meeting form with the institutions that decided as participants. */
export function register(app: App, services: SlackServices): void {
  app.action('plan_joint_meeting', onButton(services, async (actor, inquiryId, body, client) => {
    const { externalSteps } = await services.queries.get(inquiryId);
    const institutions = externalSteps.filter((step) => step.status === 'decided').map((step) => step.institution);
    await openMeeting(formRequest(services, client, actor, body), inquiryId, institutions);
  }));
}
