import { SECONDARY_ACTIONS, type CardAction, type InquiryCard } from '../../core/inquiry-card.js';
import { INQUIRY_VERBS, type CardView } from './actions.js';
import { adaptiveCard, execute, fieldLines, heading, openDialog, plain, secondary, type AdaptiveCard, type CardElement } from './elements.js';

/** One card action: a dialog or a verb; the workflow's less frequent ones go into the card's "…" menu. */
export function renderAction(action: CardAction, inquiryId: string, view: CardView): CardElement {
  const rendered = actionElement(action, inquiryId, view);
  return SECONDARY_ACTIONS.has(action.id) ? secondary(rendered) : rendered;
}

function actionElement(action: CardAction, inquiryId: string, view: CardView): CardElement {
  const style = action.style === 'primary' ? 'positive' : action.style === 'danger' ? 'destructive' : undefined;
  switch (action.id) {
    case 'log_call':
    case 'holding_reply':
    case 'escalate':
    case 'reply_email':
    case 'schedule_call':
    case 'plan_meeting':
    case 'external_step':
    case 'record_progress':
    case 'write_letter':
    case 'hand_over':
    case 'record_rating':
      return openDialog(action.label, action.id, { inquiryId }, style);
    default:
      return execute(action.label, INQUIRY_VERBS[action.id], { inquiryId, view }, style);
  }
}

/** The announcement in the staff channel, the same for everyone who sees it. */
export function announcementCard(card: InquiryCard): AdaptiveCard {
  return adaptiveCard(
    [
      heading(card.title, card.state === 'overdue' ? 'attention' : card.state === 'done' ? 'good' : 'default'),
      plain(card.subject),
      ...(card.excerpt ? [plain(card.excerpt, { italic: true })] : []),
      fieldLines(card.fields),
    ],
    card.actions.map((action) => renderAction(action, card.inquiryId, 'announcement')),
  );
}
