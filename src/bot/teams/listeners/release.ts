import type { InquiryService } from '../../../domain/inquiry.service.js';
import { translate } from '../../core/i18n/index.js';
import { INQUIRY_VERBS } from '../cards/inquiry-cards.js';
import type { TeamsRouter } from '../router.js';
import type { InquiryViews } from '../views.js';
import { parseActionData, refreshedView } from './inquiry-action-support.js';

/** Gives the inquiry back to the queue. */
export function register(router: TeamsRouter, inquiries: InquiryService, views: InquiryViews): void {
  router.onAction(INQUIRY_VERBS.release, async (turn, raw) => {
    const data = parseActionData(raw);
    const inquiry = await inquiries.release(data.inquiryId, turn.actor.id);
    return refreshedView(views, turn, data, translate(turn.language, 'reply.released', { number: inquiry.registryNumber }));
  });
}
