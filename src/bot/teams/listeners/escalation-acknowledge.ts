import type { PlatformContext } from '../../platform.js';
import { ESCALATION_VERBS } from '../cards/notice-cards.js';
import type { TeamsRouter } from '../router.js';
import { escalationOutcome, parseEscalationData } from './escalation-support.js';

/** R54.escalate-unresolved: the manager acknowledges; the raiser is told by the notifier. */
export function register(router: TeamsRouter, context: PlatformContext): void {
  router.onAction(ESCALATION_VERBS.acknowledge, async (turn, raw) => {
    const escalation = await context.escalations.acknowledge(parseEscalationData(raw).escalationId, turn.actor.id);
    return escalationOutcome(context.queries, turn, escalation, 'notice.escalation.acknowledged');
  });
}
