import type { MrkdwnElement, PlainTextElement } from './block-types.js';

/** Slack's limits on Block Kit, checked by the tests against every payload the bot sends. */
export const LIMITS = {
  text: 3000,
  buttonLabel: 75,
  buttonValue: 2000,
  header: 150,
  modalTitle: 24,
  optionText: 75,
  sectionField: 2000,
  contextElement: 3000,
  messageBlocks: 50,
  viewBlocks: 100,
  privateMetadata: 3000,
} as const;

/** Cuts a text to `max` characters, marking the cut so nobody mistakes it for the whole. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Text from outside the staff (a client's name, subject, message) made inert in mrkdwn: `&`, `<`, `>` are
 * escaped so `<!channel>`, `<@U…>` and `<http…|…>` show as typed, and a zero-width space after each
 * formatting character keeps `*`, `_`, `~` and backticks from styling the text. Pair with `verbatim: true`,
 * which stops Slack from turning bare URLs and channel names into links.
 */
export function inert(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([*_~`])/g, '$1\u200B');
}

/** A mrkdwn text object; `verbatim` so nothing in it is auto-linked or parsed as a mention. */
export function mrkdwn(text: string, max: number = LIMITS.text): MrkdwnElement {
  return { type: 'mrkdwn', text: clip(text, max), verbatim: true };
}

export function plain(text: string, max: number = LIMITS.text): PlainTextElement {
  return { type: 'plain_text', text: clip(text, max), emoji: false };
}

/** `*Label*\nvalue`, the value made inert. */
export function labelled(label: string, value: string, max: number = LIMITS.sectionField): MrkdwnElement {
  return mrkdwn(`*${inert(label)}*\n${inert(value)}`, max);
}

/** `*Label*\nvalue` with the value a link to `href` (a `tel:` or `mailto:` we built); `|`, `<`, `>` cannot break out of it. */
export function linked(label: string, value: string, href: string): MrkdwnElement {
  return mrkdwn(`*${inert(label)}*\n<${href.replace(/[|<>&]/g, encodeURIComponent)}|${inert(value)}>`, LIMITS.sectionField);
}

/** Splits a long text into pieces each fitting one text object. */
export function chunks(text: string, size: number, maxPieces: number): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length && pieces.length < maxPieces; start += size) pieces.push(text.slice(start, start + size));
  if (pieces.length === maxPieces && text.length > size * maxPieces) pieces[maxPieces - 1] = clip(pieces[maxPieces - 1]!, size);
  return pieces;
}

/**
 * The top-level `text` of a message (notifications, screen readers) is parsed as mrkdwn too: it gets the
 * same escaping of `&`, `<`, `>` so a client's `<!channel>` cannot ping anyone from a push notification.
 */
export function fallback(text: string): string {
  return clip(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'), LIMITS.text);
}
