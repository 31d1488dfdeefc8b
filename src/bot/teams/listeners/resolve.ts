import type { InquiryService } from '../../../domain/inquiry.service.js';
import { translate } from '../../core/i18n/index.js';
import { INQUIRY_VERBS } from '../cards/inquiry-cards.js';
import type { TeamsRouter } from '../router.js';
import type { InquiryViews } from '../views.js';
import { parseActionData, refreshedView } from './inquiry-action-support.js';

/** R55.same-channel: a complaint not yet answered the way it came is refused, the router naming the channel owed. */
export function register(router: TeamsRouter, inquiries: InquiryService, views: InquiryViews): void {
  router.onAction(INQUIRY_VERBS.resolve, async (turn, raw) => {
    const data = parseActionData(raw);
    const inquiry = await inquiries.resolve(data.inquiryId, turn.actor.id);
    return refreshedView(views, turn, data, translate(turn.language, 'reply.resolved', { number: inquiry.registryNumber }));
  });
}
