import type { CommandReply, ListRow } from '../../core/commands/reply.js';
import { actionSet, adaptiveCard, execute, heading, note, openDialog, plain, type AdaptiveCard, type CardElement } from './elements.js';
import { INQUIRY_VERBS } from './inquiry-cards.js';

/** A list of inquiries (mine, search results) in the core's order, each with its first useful button (Claim or Open). */
export function listCard(title: string, rows: readonly ListRow[], empty: string): AdaptiveCard {
  if (rows.length === 0) return adaptiveCard([heading(title), note(empty)]);
  const items: CardElement[] = rows.map(({ card, summary, action }) => ({
    type: 'Container',
    separator: true,
    items: [
      note(`**${card.registryNumber}** · ${summary}`),
      plain(card.subject),
      // The answer replaces this card with the inquiry's details, for the clicker only.
      actionSet([execute(action.label, INQUIRY_VERBS[action.id === 'claim' ? 'claim' : 'details'], { inquiryId: card.inquiryId, view: 'details' }, action.style === 'primary' ? 'positive' : undefined)]),
    ],
  }));
  return adaptiveCard([heading(title), ...items]);
}

/** The help, or one word's usage: how each command is typed here and what it does. */
export function guideCard(reply: Extract<CommandReply, { kind: 'help' | 'usage' }>): AdaptiveCard {
  const lines = reply.lines.map((line) => `• **${line.example}** – ${line.meaning}`).join('\n');
  return adaptiveCard([heading(reply.title), note(lines), ...(reply.note ? [note(reply.note, { subtle: true })] : [])]);
}

/** Messages cannot open a dialog by themselves: a card with the button that does. */
export function dialogLauncherCard(text: string, buttonTitle: string, dialog: string, data: Record<string, unknown>): AdaptiveCard {
  return adaptiveCard([note(text)], [openDialog(buttonTitle, dialog, data, 'positive')]);
}
