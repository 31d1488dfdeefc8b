import type { KnownBlock } from './block-types.js';
import { fallback, inert, mrkdwn } from './elements.js';

/** A one-line message (a private answer, what a click came to), its text made inert. */
export function noteMessage(text: string): { text: string; blocks: KnownBlock[] } {
  return { text: fallback(text), blocks: [{ type: 'section', text: mrkdwn(inert(text)) }] };
}

/** The clicked message with its buttons given way to what was decided, and to what it offers next (the printable letter). */
export function outcomeMessage(clicked: { text: string; blocks: KnownBlock[] }, outcome: string, next: KnownBlock[] = []): { text: string; blocks: KnownBlock[] } {
  const kept = clicked.blocks.filter((block) => block.type !== 'actions');
  return { text: clicked.text, blocks: [...kept, ...noteMessage(`✓ ${outcome}`).blocks, ...next] };
}
