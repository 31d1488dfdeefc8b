import type { ListRow } from '../../core/commands/reply.js';
import type { Language } from '../../core/i18n/index.js';
import type { KnownBlock } from './block-types.js';
import { actionButton, inquiryLine } from './inquiry.js';
import { inert, mrkdwn, plain } from './elements.js';

/** A titled list of inquiries in the core's order, one line each with its first useful button (Claim or Open). */
export function listBlocks(title: string, rows: readonly ListRow[], empty: string, language: Language): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(title, 150) }];
  if (rows.length === 0) return [...blocks, { type: 'context', elements: [mrkdwn(inert(empty))] }];
  for (const { card, action } of rows) {
    blocks.push({ type: 'section', text: mrkdwn(inquiryLine(card, language)), accessory: actionButton(action, card.inquiryId) });
  }
  return blocks;
}
