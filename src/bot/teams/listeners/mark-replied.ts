import type { InquiryService } from '../../../domain/inquiry.service.js';
import { translate } from '../../core/i18n/index.js';
import { INQUIRY_VERBS } from '../cards/inquiry-cards.js';
import type { TeamsRouter } from '../router.js';
import type { InquiryViews } from '../views.js';
import { parseActionData, refreshedView } from './inquiry-action-support.js';

/** R14.reply-1wd: the owner marks the first reply sent (from the announcement or from a reminder). */
export function register(router: TeamsRouter, inquiries: InquiryService, views: InquiryViews): void {
  router.onAction(INQUIRY_VERBS.mark_replied, async (turn, raw) => {
    const data = parseActionData(raw);
    const inquiry = await inquiries.recordFirstReply(data.inquiryId, turn.actor.id);
    return refreshedView(views, turn, data, translate(turn.language, 'reply.marked_replied', { number: inquiry.registryNumber }));
  });
}
