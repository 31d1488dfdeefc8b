import type { App } from '@slack/bolt';
import type { SlackServices } from '../../services.js';
import { onButton } from '../interaction.js';

/** R58.incident: the head's Report / Do not report, recorded as the decision. */
export function register(app: App, services: SlackServices): void {
  app.action(/^escalation_(report|do_not_report)$/, onButton(services, async (actor, escalationId, body) => {
    const reportToAuthorities = body.actions[0]!.action_id === 'escalation_report';
    await services.escalations.recordHeadDecision(escalationId, actor.id, { reportToAuthorities });
  }));
}
