import { INQUIRY_VERBS } from '../cards/inquiry-cards.js';
import type { TeamsRouter } from '../router.js';
import type { InquiryViews } from '../views.js';
import { parseActionData } from './inquiry-action-support.js';

/** Details: fields, full body and timeline, replacing the card for the clicker only (nobody else sees it). */
export function register(router: TeamsRouter, views: InquiryViews): void {
  router.onAction(INQUIRY_VERBS.details, async (turn, raw) => {
    const { inquiryId } = parseActionData(raw);
    return { card: await views.details(inquiryId, turn.language) };
  });
}
