import type { Button, KnownBlock } from './block-types.js';
import { LIMITS, plain } from './elements.js';

/**
 * The printable letter (R55.same-channel) as a link button. Slack still sends its click, which the
 * `open_letter` listener acks so nobody sees an error.
 */
export function letterButton(url: string, caption: string, style?: 'primary' | 'danger'): Button {
  return { type: 'button', action_id: 'open_letter', text: plain(caption, LIMITS.buttonLabel), url, ...(style ? { style } : {}) };
}

/** The printable letter offered under an outcome, as its own row. */
export function letterLinkBlocks(url: string, caption: string): KnownBlock[] {
  return [{ type: 'actions', block_id: 'letter_link', elements: [letterButton(url, caption, 'primary')] }];
}
