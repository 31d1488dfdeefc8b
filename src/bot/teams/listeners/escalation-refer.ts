import type { PlatformContext } from '../../platform.js';
import { ESCALATION_VERBS } from '../cards/notice-cards.js';
import type { TeamsRouter } from '../router.js';
import { escalationOutcome, parseEscalationData } from './escalation-support.js';

/** R58.incident: the manager refers an incident to the head, who is asked by the notifier. */
export function register(router: TeamsRouter, context: PlatformContext): void {
  router.onAction(ESCALATION_VERBS.refer_to_head, async (turn, raw) => {
    const escalation = await context.escalations.referToHead(parseEscalationData(raw).escalationId, turn.actor.id);
    return escalationOutcome(context.queries, turn, escalation, 'teams.escalation.referred_done');
  });
}
