import type { PostedRef } from './surface.js';

/**
 * Issue #15 item 2, R12.records: the purpose a message that quotes an inquiry (a thread note, a DM, a command's answer)
 * is remembered under in `chat_posts` — its own ids, so an inquiry may have any number of copies, each edited when it
 * is anonymised (`every_copy`), and a repeated save remembers the same message once.
 */
export function copyPurpose(post: PostedRef): string {
  return `copy:${post.channelId}:${post.messageId}`;
}
