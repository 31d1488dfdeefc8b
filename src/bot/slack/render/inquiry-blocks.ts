import type { CardAction, InquiryCard } from '../../core/inquiry-card.js';
import { translate, type Language } from '../../core/i18n/index.js';
import type { Button, KnownBlock } from './block-types.js';
import { clip, fallback, inert, labelled, LIMITS, mrkdwn, plain } from './text.js';

const STATE_MARK: Record<InquiryCard['state'], string> = { open: ':large_blue_circle:', overdue: ':red_circle:', done: ':white_check_mark:' };

/** A card action as a Block Kit button; the inquiry id travels in the value, the action in the action id. */
export function actionButton(action: { id: string; label: string; style?: CardAction['style'] }, value: string, label = action.label): Button {
  return {
    type: 'button',
    action_id: action.id,
    text: plain(label, LIMITS.buttonLabel),
    value: clip(value, LIMITS.buttonValue),
    ...(action.style ? { style: action.style } : {}),
  };
}

/** The announcement in the staff channel and every re-render of it in place. */
export function inquiryBlocks(card: InquiryCard): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(`${card.title}`, LIMITS.header) },
    { type: 'section', text: mrkdwn(`${STATE_MARK[card.state]} *${inert(clip(card.subject, 500))}*`) },
    // Section fields: at most 10, each at most 2000 characters.
    { type: 'section', fields: card.fields.slice(0, 10).map((field) => labelled(field.label, field.value)) },
  ];
  if (card.excerpt !== '') blocks.push({ type: 'section', text: mrkdwn(`>${inert(card.excerpt)}`) });
  if (card.actions.length > 0) {
    blocks.push({ type: 'actions', block_id: 'inquiry_actions', elements: card.actions.map((action) => actionButton(action, card.inquiryId)) });
  }
  return blocks;
}

/** Text for notifications and screen readers when blocks cannot be shown. */
export function inquiryFallback(card: InquiryCard): string {
  return fallback(`${card.title}: ${card.subject}`);
}

/** One line per inquiry in lists (`/inquiry mine`, App Home). */
export function inquiryLine(card: InquiryCard, language: Language): string {
  const due = card.fields.find((field) => field.label === translate(language, 'card.reply_due'));
  return `${STATE_MARK[card.state]} *${inert(card.registryNumber)}* ${inert(clip(card.subject, 120))}${due ? ` · ${inert(due.label)}: ${inert(due.value)}` : ''}`;
}
