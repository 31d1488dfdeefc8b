import type { Capabilities } from '../../../domain/capabilities.js';
import type { Inquiry } from '../../../domain/inquiry.js';
import type { StaffMember } from '../../../domain/staff.js';
import { translate } from '../../core/i18n/index.js';
import { buildInquiryCard } from '../../core/inquiry-card.js';
import type { KnownBlock } from './block-types.js';
import { actionButton, inquiryLine } from './inquiry-blocks.js';
import type { Reading } from './notice-blocks.js';
import { inert, mrkdwn, plain } from './text.js';

export type Listed = { inquiry: Inquiry; owner: StaffMember | null };

/**
 * A titled list of inquiries, one line each with its first useful button (Claim for the queue, else Open).
 * `capabilities`: what the deployment can do, as for every card.
 */
export function listBlocks(title: string, items: Listed[], reading: Reading, maxItems: number, capabilities: Capabilities): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(title, 150) }];
  if (items.length === 0) {
    blocks.push({ type: 'context', elements: [mrkdwn(inert(translate(reading.language, 'reply.no_inquiries')))] });
    return blocks;
  }
  for (const { inquiry, owner } of items.slice(0, maxItems)) {
    const card = buildInquiryCard(inquiry, owner, reading.language, reading.now, reading.zone, capabilities);
    const claim = card.actions.find((action) => action.id === 'claim');
    const button = claim
      ? actionButton(claim, inquiry.id)
      : actionButton({ id: 'details', label: translate(reading.language, 'action.open') }, inquiry.id);
    blocks.push({ type: 'section', text: mrkdwn(inquiryLine(card, reading.language)), accessory: button });
  }
  return blocks;
}

/** Most pressing first: the reply deadline while unanswered, then the resolution deadline. */
export function byDeadline(items: Listed[]): Listed[] {
  const due = ({ inquiry }: Listed) => (inquiry.firstReplyAt === null ? inquiry.firstReplyDue : (inquiry.promisedBy ?? inquiry.statutoryDue ?? inquiry.firstReplyDue)).getTime();
  return [...items].sort((a, b) => due(a) - due(b));
}
