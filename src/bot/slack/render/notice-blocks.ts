import type { KnownBlock } from './block-types.js';
import { fallback, inert, mrkdwn } from './text.js';

/** Where and when a message is read: its language, the current time and the institution's zone. */
export type { Reader as Reading } from '../../core/notices/speak.js';

/** A one-line message (a private answer, an outcome), its text made inert. */
export function noteMessage(text: string): { text: string; blocks: KnownBlock[] } {
  return { text: fallback(text), blocks: [{ type: 'section', text: mrkdwn(inert(text)) }] };
}
