import type { ListRow } from '../../core/commands/reply.js';
import { actionSet, adaptiveCard, execute, heading, note, plain, type AdaptiveCard, type CardElement } from './elements.js';
import { INQUIRY_VERBS } from './actions.js';

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
