import { z } from 'zod';
import { adaptiveCard, note } from '../cards/elements.js';
import type { ActionResult, Data, Turn } from '../router.js';
import type { InquiryViews } from '../views.js';

const actionData = z.object({
  inquiryId: z.string().min(1),
  view: z.enum(['announcement', 'details', 'notice']).default('announcement'),
});

export function parseActionData(data: Data): z.output<typeof actionData> {
  return actionData.parse(data);
}

/**
 * After a click the clicked card is replaced for the clicker by the same kind of card, now current: the
 * announcement (everyone else gets it through the notifier's update), the details view, or, on a notice in a
 * 1:1 chat, the outcome in words.
 */
export async function refreshedView(views: InquiryViews, turn: Turn, data: ReturnType<typeof parseActionData>, outcome: string): Promise<ActionResult> {
  if (data.view === 'announcement') return { card: await views.announcement(data.inquiryId) };
  if (data.view === 'details') return { card: await views.details(data.inquiryId, turn.language) };
  return { card: adaptiveCard([note(outcome, { color: 'good' })]) };
}
