import type { CardAction, InquiryCard } from '../../core/inquiry-card.js';
import { formatWhen } from '../../core/format-time.js';
import { translate, type Language, type MessageKey } from '../../core/i18n/index.js';
import type { TimelineEntry } from '../../../domain/inquiry.repository.js';
import { adaptiveCard, execute, fieldLines, heading, note, openDialog, plain, type AdaptiveCard, type CardElement } from './elements.js';

/** Verbs of the Universal Actions on inquiry cards; dialogs (forms) open through task modules instead. */
export const INQUIRY_VERBS = {
  claim: 'inquiry.claim',
  details: 'inquiry.details',
  mark_replied: 'inquiry.mark_replied',
  release: 'inquiry.release',
} as const;

/** Which card a click came from, so the answer replaces it with the same kind of card. */
export type CardView = 'announcement' | 'details' | 'notice';

export function renderAction(action: CardAction, inquiryId: string, view: CardView): CardElement {
  const style = action.style === 'primary' ? 'positive' : action.style === 'danger' ? 'destructive' : undefined;
  switch (action.id) {
    case 'log_call':
    case 'holding_reply':
    case 'escalate':
    case 'reply_email':
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

export interface TimelineLine {
  entry: TimelineEntry;
  actorName: string | null;
}

/** Everything about one inquiry, for the person who asked: fields, the whole body, the timeline. */
export function detailsCard(card: InquiryCard, body: string, timeline: TimelineLine[], language: Language, now: Date, zone: string): AdaptiveCard {
  const t = (key: MessageKey) => translate(language, key);
  return adaptiveCard(
    [
      heading(card.title, card.state === 'overdue' ? 'attention' : 'default'),
      plain(card.subject),
      fieldLines(card.fields),
      plain(body),
      note(t('card.timeline'), { subtle: true }),
      {
        type: 'Container',
        items: timeline.map(({ entry, actorName }) =>
          plain(`${formatWhen(entry.at, language, now, zone)} · ${timelineLabel(entry.action, language)}${actorName ? ` · ${actorName}` : ''}`),
        ),
      },
    ],
    card.actions.filter((action) => action.id !== 'details').map((action) => renderAction(action, card.inquiryId, 'details')),
  );
}

const TIMELINE_ACTIONS = new Set([
  'registered', 'claimed', 'released', 'handed_over', 'first_reply_sent', 'holding_reply_sent', 'waiting_on_client', 'resolved',
  'closed', 'reopened', 'call_logged', 'escalated', 'escalation_acknowledged', 'escalation_taken_over', 'escalation_referred',
  'escalation_decided', 'reminder_due', 'overdue',
]);

/** An action the catalogue does not name yet still shows, as a generic entry. */
function timelineLabel(action: string, language: Language): string {
  return translate(language, TIMELINE_ACTIONS.has(action) ? (`teams.timeline.${action}` as MessageKey) : 'teams.timeline.other');
}
