import { SECONDARY_ACTIONS, type CardAction, type InquiryCard } from '../../core/inquiry-card.js';
import { translate, type Language } from '../../core/i18n/index.js';
import { pairValue } from './actions.js';
import type { ActionsBlock, Button, KnownBlock } from './block-types.js';
import { option } from './form-parts.js';
import { clip, fallback, inert, labelled, LIMITS, mrkdwn, plain } from './elements.js';

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

/** The card's menu of workflow actions; each option's value is `action:inquiryId`. */
export const MORE_MENU = 'inquiry_more';

/**
 * The card's main buttons, then its workflow actions folded into one menu so the card stays tidy. A select
 * menu rather than an overflow: Slack's overflow holds at most 5 options and an owner has 8 of them.
 */
export function cardControls(card: InquiryCard, language: Language): ActionsBlock['elements'] {
  const main = card.actions.filter((action) => !SECONDARY_ACTIONS.has(action.id));
  const more = card.actions.filter((action) => SECONDARY_ACTIONS.has(action.id));
  return [
    ...main.map((action) => actionButton(action, card.inquiryId)),
    ...(more.length === 0
      ? []
      : [{
          type: 'static_select' as const,
          action_id: MORE_MENU,
          placeholder: plain(translate(language, 'slack.card.more'), 150),
          options: more.map((action) => option(pairValue(action.id, card.inquiryId), action.label)),
        }]),
  ];
}

/** The announcement in the staff channel and every re-render of it in place, in `language` (the channel's). */
export function inquiryBlocks(card: InquiryCard, language: Language): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(`${card.title}`, LIMITS.header) },
    { type: 'section', text: mrkdwn(`${STATE_MARK[card.state]} *${inert(clip(card.subject, 500))}*`) },
    // Section fields: at most 10, each at most 2000 characters.
    { type: 'section', fields: card.fields.slice(0, 10).map((field) => labelled(field.label, field.value)) },
  ];
  if (card.excerpt !== '') blocks.push({ type: 'section', text: mrkdwn(`>${inert(card.excerpt)}`) });
  if (card.actions.length > 0) {
    blocks.push({ type: 'actions', block_id: 'inquiry_actions', elements: cardControls(card, language) });
  }
  return blocks;
}

/** Text for notifications and screen readers when blocks cannot be shown. */
export function inquiryFallback(card: InquiryCard): string {
  return fallback(`${card.title}: ${card.subject}`);
}

/** The announcement as a whole message: its blocks and fallback text. */
export function inquiryMessage(card: InquiryCard, language: Language): { text: string; blocks: KnownBlock[] } {
  return { text: inquiryFallback(card), blocks: inquiryBlocks(card, language) };
}

/** One line per inquiry in lists (`/inquiry mine`, App Home). */
export function inquiryLine(card: InquiryCard, language: Language): string {
  const due = card.fields.find((field) => field.label === translate(language, 'card.reply_due'));
  return `${STATE_MARK[card.state]} *${inert(card.registryNumber)}* ${inert(clip(card.subject, 120))}${due ? ` · ${inert(due.label)}: ${inert(due.value)}` : ''}`;
}
