import type { InquiryService } from '../../../domain/inquiry.service.js';
import { translate } from '../../core/i18n/index.js';
import { INQUIRY_VERBS } from '../cards/inquiry-cards.js';
import type { TeamsRouter } from '../router.js';
import type { InquiryViews } from '../views.js';
import { parseActionData, refreshedView } from './inquiry-action-support.js';

/** R4.owner: Claim. The loser is told who won (describeError); the everyone-view is updated by the notifier. */
export function register(router: TeamsRouter, inquiries: InquiryService, views: InquiryViews): void {
  router.onAction(INQUIRY_VERBS.claim, async (turn, raw) => {
    const data = parseActionData(raw);
    // Teams re-sends an invoke it thinks was slow: the domain takes the winner's second claim as done.
    const { registryNumber } = await inquiries.claim(data.inquiryId, turn.actor.id);
    return refreshedView(views, turn, data, translate(turn.language, 'reply.claimed', { number: registryNumber }));
  });
}
