import { createHash } from 'node:crypto';

/**
 * How log lines and failure records name an e-mail without quoting it: a Message-ID often carries the sender's
 * domain or address, so only a short hash of it is shown. Staff find the message itself by mailbox and UID.
 */
export function messageIdHash(messageId: string): string {
  return createHash('sha256').update(messageId).digest('hex').slice(0, 16);
}

/** The id a message without a Message-ID gets: stable across re-reads, so it is registered once. */
export function fallbackMessageId(source: Buffer): string {
  return `<${createHash('sha256').update(source).digest('hex')}@langelis.invalid>`;
}

/**
 * The Message-ID read straight from the raw header block, for a message the parser may choke on; the intake's
 * parser reads the same header, so both name the message with the same hash.
 */
export function rawMessageId(source: Buffer): string {
  const end = source.indexOf('\r\n\r\n');
  const head = source.subarray(0, end === -1 ? Math.min(source.length, 64 * 1024) : end).toString('latin1');
  const match = /^message-id:[ \t]*((?:.*)(?:\r?\n[ \t].*)*)/im.exec(head);
  const value = match?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim();
  return value ? value : fallbackMessageId(source);
}
