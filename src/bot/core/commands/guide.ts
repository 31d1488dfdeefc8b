import { translate, type Language, type MessageKey } from '../i18n/index.js';
import type { CommandWord } from './intent.js';
import type { CommandReply, GuideLine } from './reply.js';

/** How commands are typed on a platform: `/inquiry` on Slack, `@Langelis` (by mention, or alone in the 1:1 chat) on Teams. */
export interface CommandSyntax {
  prefix: string;
  /** The prefix is a mention, which the 1:1 chat with the bot does without. */
  byMention: boolean;
}

const NUMBER = '2026-000123';

/** One help text for every platform: the word, what follows it, and what it does; in `COMMAND_WORDS` order. */
const GUIDE: ReadonlyArray<{ word: CommandWord; argument?: string | { words: MessageKey }; meaning: MessageKey }> = [
  { word: 'new', meaning: 'command.new' },
  { word: 'mine', meaning: 'command.mine' },
  { word: 'show', argument: NUMBER, meaning: 'command.show' },
  { word: 'find', argument: { words: 'command.argument.text' }, meaning: 'command.find' },
  { word: 'call', argument: NUMBER, meaning: 'command.call' },
  { word: 'schedule', argument: NUMBER, meaning: 'command.schedule' },
  { word: 'meeting', argument: NUMBER, meaning: 'command.meeting' },
  { word: 'step', argument: NUMBER, meaning: 'command.step' },
  { word: 'progress', argument: NUMBER, meaning: 'command.progress' },
  { word: 'letter', argument: NUMBER, meaning: 'command.letter' },
  { word: 'staff', argument: 'position|phone|language …', meaning: 'command.staff_profile' },
  { word: 'staff', argument: { words: 'command.argument.manager' }, meaning: 'command.staff_manager' },
  { word: 'staff', argument: { words: 'command.argument.away' }, meaning: 'command.staff_away' },
  { word: 'staff', argument: 'back', meaning: 'command.staff_back' },
  { word: 'staff', argument: 'import', meaning: 'command.staff_import' },
  { word: 'report', argument: 'week|month|quarter', meaning: 'command.report' },
  { word: 'audit', argument: '2027-01-01 2027-01-31', meaning: 'command.audit' },
  { word: 'export', argument: { words: 'command.argument.contact' }, meaning: 'command.export' },
  { word: 'erase', argument: { words: 'command.argument.contact' }, meaning: 'command.erase' },
  { word: 'hold', argument: `${NUMBER} on|off`, meaning: 'command.hold' },
  { word: 'retention', argument: 'run', meaning: 'command.retention' },
  { word: 'settings', meaning: 'command.settings' },
  { word: 'settings', argument: 'mailbox', meaning: 'command.settings_mailbox' },
  { word: 'help', meaning: 'command.help' },
];

function lines(language: Language, syntax: CommandSyntax, word?: CommandWord): GuideLine[] {
  const words = (argument: string | { words: MessageKey }) => (typeof argument === 'string' ? argument : translate(language, argument.words));
  return GUIDE.filter((line) => word === undefined || line.word === word).map((line) => ({
    example: [syntax.prefix, line.word, ...(line.argument ? [words(line.argument)] : [])].join(' '),
    meaning: translate(language, line.meaning),
  }));
}

function note(language: Language, syntax: CommandSyntax): string | null {
  return syntax.byMention ? translate(language, 'command.mention_note', { prefix: syntax.prefix }) : null;
}

/** Every command, as typed on this platform. */
export function helpReply(language: Language, syntax: CommandSyntax): CommandReply {
  return { kind: 'help', title: translate(language, 'help.title'), lines: lines(language, syntax), note: note(language, syntax) };
}

/** How to complete a command that was understood but lacks its argument. */
export function usageReply(word: CommandWord, language: Language, syntax: CommandSyntax): CommandReply {
  return { kind: 'usage', title: translate(language, 'command.usage'), lines: lines(language, syntax, word), note: note(language, syntax) };
}
