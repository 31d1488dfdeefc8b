import type { PlatformContext } from '../../platform.js';
import { ESCALATION_VERBS } from '../cards/notice-cards.js';
import type { TeamsRouter } from '../router.js';
import { escalationOutcome, parseEscalationData } from './escalation-support.js';

/** R54 / R4.owner: the manager takes the inquiry over (an audited handover). */
export function register(router: TeamsRouter, context: PlatformContext): void {
  router.onAction(ESCALATION_VERBS.take_over, async (turn, raw) => {
    const escalation = await context.escalations.takeOver(parseEscalationData(raw).escalationId, turn.actor.id);
    return escalationOutcome(context.queries, turn, escalation, 'notice.escalation.taken_over');
  });
}
