import type { PlatformContext } from '../../platform.js';
import { ESCALATION_VERBS } from '../cards/notice-cards.js';
import type { TeamsRouter } from '../router.js';
import { escalationOutcome, parseEscalationData } from './escalation-support.js';

/** R58.incident: the head's decision whether to report to the competent authorities is recorded. */
export function register(router: TeamsRouter, context: PlatformContext): void {
  router.onAction(ESCALATION_VERBS.decide, async (turn, raw) => {
    const data = parseEscalationData(raw);
    const reportToAuthorities = data.report === true;
    const escalation = await context.escalations.recordHeadDecision(data.escalationId, turn.actor.id, { reportToAuthorities });
    return escalationOutcome(context.queries, turn, escalation, reportToAuthorities ? 'notice.escalation.decided.report' : 'notice.escalation.decided.no_report');
  });
}
