import type { PlatformContext } from '../../platform.js';
import { copyPurpose } from '../chat-copies.js';
import type { PlatformId } from '../notices/notice.js';
import type { PostedRef } from '../surface.js';
import type { CommandReply } from './reply.js';

type Quotes = { readonly [K in CommandReply['kind']]: (reply: Extract<CommandReply, { kind: K }>) => readonly string[] };

/**
 * Issue #15 item 2, R12.records: the inquiries whose personal data a command's answer shows. `show` (a story: the
 * client's name, contacts, messages, file names) quotes its inquiry; a list (`mine`, `find`) quotes each listed one —
 * its subject is the client's text, removed at anonymisation, and its Open button turns the same message into that
 * inquiry's details. A form's launcher names only the registry number; help, texts, reports and links name no family.
 * A record, so a new kind of answer cannot be added without deciding.
 */
const QUOTES: Quotes = {
  story: (reply) => [reply.story.card.inquiryId],
  list: (reply) => reply.rows.map((row) => row.card.inquiryId),
  form: () => [],
  help: () => [],
  usage: () => [],
  text: () => [],
  report: () => [],
  link: () => [],
};

export function inquiriesQuoted(reply: CommandReply): readonly string[] {
  return [...new Set((QUOTES[reply.kind] as (reply: CommandReply) => readonly string[])(reply))];
}

/**
 * Issue #15 item 2: a platform that keeps a command's answer as a message (Teams; Slack's answers are ephemeral) hands
 * back the id it got, and the answer is remembered as a chat copy of every inquiry it quotes, so anonymisation edits it
 * to the number and state like the announcement and the DMs. The answer is already shown when this runs: a failing
 * save is logged (ids only) rather than turned into an error the asker would read as "not answered".
 */
export async function rememberAnswer(context: Pick<PlatformContext, 'chatPosts' | 'logger'>, platform: PlatformId, reply: CommandReply, post: PostedRef): Promise<void> {
  const inquiryIds = inquiriesQuoted(reply);
  try {
    for (const inquiryId of inquiryIds) await context.chatPosts.save(platform, inquiryId, copyPurpose(post), post);
  } catch (error) {
    context.logger.warn({ err: error, inquiryIds, platform, messageId: post.messageId }, 'a command answer quoting inquiries could not be recorded; anonymisation will not edit it');
  }
}
