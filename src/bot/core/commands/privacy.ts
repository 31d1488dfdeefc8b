import { translate, type Language } from '../i18n/index.js';
import type { CommandIntent } from './intent.js';
import type { CommandReply } from './reply.js';

/** Where a command was typed: a chat only the asker reads (Slack's ephemeral answers, a Teams 1:1 chat), or one colleagues read too. */
export type AskedIn = 'private' | 'shared';

/**
 * Issue #15 (least privilege), R4.owner, R12.records: what a command answers about inquiries or people — a family's
 * contacts, messages and file names (`show`), lists of inquiries, reports, links signed for the asker alone, the outcome
 * of an erasure or a hold — is for the asker only, wherever it was typed. Only answers that carry nothing of a family
 * (the help, a form to register, the asker's own profile and staff-directory changes) may stand where it was typed.
 * A record, so a new command cannot be added without deciding.
 */
const ANSWER_IS_PRIVATE: { readonly [D in CommandIntent['do']]: boolean } = {
  help: false,
  usage: false,
  new: false,
  staff_profile: false,
  staff_manager: false,
  staff_away: false,
  staff_back: false,
  mine: true,
  show: true,
  find: true,
  form: true,
  // Issue #17: the institution's settings and the directory's import are the admins' to see.
  settings: true,
  staff_import: true,
  report: true,
  audit: true,
  export: true,
  erase: true,
  hold: true,
  retention_run: true,
};

/**
 * Where a command's answer goes. `here`: where it was typed. `privately`: to the asker's private chat with the bot, and
 * where it was typed only `pointer` (no personal data), or `unreachable` when the private chat could not be reached —
 * then the answer is not shown at all rather than shown to the channel.
 */
export type AnswerPlacement =
  | { readonly where: 'here'; readonly reply: CommandReply }
  | { readonly where: 'privately'; readonly reply: CommandReply; readonly pointer: string; readonly unreachable: string };

/** The core's decision of where `reply` (the answer to `intent`) may be shown, given where it was asked. */
export function placeAnswer(intent: CommandIntent, reply: CommandReply, askedIn: AskedIn, language: Language): AnswerPlacement {
  if (askedIn === 'private' || !ANSWER_IS_PRIVATE[intent.do]) return { where: 'here', reply };
  return { where: 'privately', reply, pointer: translate(language, 'reply.answered_privately'), unreachable: translate(language, 'reply.private_unreachable') };
}
