import { PERIOD_NAMES, type PeriodName } from '../../../domain/quality/report.js';

/** The words of the text commands (`/inquiry mine` on Slack, `@Langelis mine` on Teams), in the help's order. */
export const COMMAND_WORDS = ['new', 'mine', 'show', 'find', 'call', 'schedule', 'meeting', 'step', 'progress', 'letter', 'staff', 'report', 'audit', 'export', 'erase', 'hold', 'retention', 'settings', 'help'] as const;
export type CommandWord = (typeof COMMAND_WORDS)[number];

/** `<word> <number>` offers the form of one use case about that inquiry. */
export const FORM_COMMANDS = {
  call: 'log_call',
  schedule: 'schedule_call',
  meeting: 'plan_meeting',
  step: 'external_step',
  progress: 'record_progress',
  letter: 'write_letter',
} as const satisfies Partial<Record<CommandWord, string>>;
export type FormWord = keyof typeof FORM_COMMANDS;
/** The forms a command offers about one inquiry; `new` offers `new_inquiry`, about none yet. */
export type InquiryForm = (typeof FORM_COMMANDS)[FormWord];

/**
 * One size for each list, on every platform (D7). The order is the domain's: most pressing first
 * (`InquiryQuery` — the reply deadline while unanswered, then the resolution deadline).
 */
export const LISTS = {
  mine: { limit: 20 },
  find: { limit: 20 },
  /** Slack's App Home: each section stays well under the home tab's 100 blocks. */
  home: { limit: 30 },
} as const;

/** A person named in a command as the platform resolved the mention: Slack's member id, Teams' user id. */
export interface PersonRef {
  readonly platformUserId: string;
}

export const PROFILE_FIELDS = ['position', 'phone', 'language'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** What someone asked for, understood once for every platform. */
export type CommandIntent =
  | { readonly do: 'help' }
  | { readonly do: 'new' }
  | { readonly do: 'mine' }
  | { readonly do: 'show'; readonly reference: string }
  | { readonly do: 'find'; readonly text: string }
  | { readonly do: 'form'; readonly form: InquiryForm; readonly reference: string }
  | { readonly do: 'staff_profile'; readonly field: ProfileField; readonly value: string }
  | { readonly do: 'staff_manager'; readonly member: PersonRef; readonly manager: PersonRef }
  /** R4.owner, away with cover: dates (YYYY-MM-DD, inclusive) and the substitute; `member` when a supervisor marks someone else. */
  | { readonly do: 'staff_away'; readonly from: string; readonly to: string; readonly substitute: PersonRef; readonly member?: PersonRef }
  | { readonly do: 'staff_back'; readonly member?: PersonRef }
  /** Issue #17: the institution's staff directory with managers, pasted in a form; admins only. */
  | { readonly do: 'staff_import' }
  /** R60.internal: the quality report of the period under way (a week unless named). */
  | { readonly do: 'report'; readonly period: PeriodName }
  /** R12.records: the audit log of the calendar days `from`…`to` (inclusive), as a CSV link; admins only. */
  | { readonly do: 'audit'; readonly from: string; readonly to: string }
  /** Issue #15, subject access: everything stored about a person, found by e-mail or phone; admins only. */
  | { readonly do: 'export'; readonly contact: string }
  /** Issue #15, erasure on request: the person's inquiries anonymised at once, save those that must be kept; admins only. */
  | { readonly do: 'erase'; readonly contact: string }
  /** Issue #15 (retention): set or clear the legal hold of one inquiry; admins and managers. */
  | { readonly do: 'hold'; readonly reference: string; readonly on: boolean }
  /** Issue #15 (retention): the nightly anonymisation, at once; admins. */
  | { readonly do: 'retention_run' }
  /** Issue #17: the institution's settings, or its mailbox (`settings mailbox`), in a form; admins only. */
  | { readonly do: 'settings'; readonly part: 'institution' | 'mailbox' }
  /** Understood but incomplete: that word's usage. */
  | { readonly do: 'usage'; readonly word: CommandWord };

function isWord(word: string): word is CommandWord {
  return (COMMAND_WORDS as readonly string[]).includes(word);
}

function isFormWord(word: CommandWord): word is FormWord {
  return word in FORM_COMMANDS;
}

/**
 * Pure: `text` is what follows the slash command or the bot's @mention; `mentions` are the people mentioned in it
 * (not the bot), in order, as the platform resolved them. Anything not understood is the help.
 */
export function parseCommand(text: string, mentions: readonly PersonRef[]): CommandIntent {
  const [first = '', ...rest] = text.trim().split(/\s+/);
  const word = first.toLowerCase();
  const argument = rest.join(' ');
  if (!isWord(word)) return { do: 'help' };
  if (isFormWord(word)) return argument === '' ? { do: 'usage', word } : { do: 'form', form: FORM_COMMANDS[word], reference: argument };
  switch (word) {
    case 'help':
    case 'new':
    case 'mine':
      return { do: word };
    case 'settings':
      if (argument === '') return { do: 'settings', part: 'institution' };
      return argument.toLowerCase() === 'mailbox' ? { do: 'settings', part: 'mailbox' } : { do: 'usage', word };
    case 'show':
      return argument === '' ? { do: 'usage', word } : { do: 'show', reference: argument };
    case 'find':
      return argument === '' ? { do: 'usage', word } : { do: 'find', text: argument };
    case 'staff':
      return staffIntent(rest, mentions);
    case 'report':
      return reportIntent(argument);
    case 'audit':
      return auditIntent(rest);
    case 'hold':
      return holdIntent(rest);
    case 'retention':
      return rest.length === 1 && rest[0]!.toLowerCase() === 'run' ? { do: 'retention_run' } : { do: 'usage', word };
    case 'export':
      // The domain reads the contact (and refuses anyone but an admin); a phone may be typed with spaces.
      return argument === '' ? { do: 'usage', word } : { do: 'export', contact: argument };
    case 'erase':
      // As `export`: the same person, found by the same matcher; the domain refuses anyone but an admin.
      return argument === '' ? { do: 'usage', word } : { do: 'erase', contact: argument };
  }
}

/** The period names a report understands: the command's own (`week`) and the Lithuanian ones staff may type. */
const PERIOD_WORDS: Readonly<Record<string, PeriodName>> = {
  ...Object.fromEntries(PERIOD_NAMES.map((name) => [name, name])),
  savaitė: 'week',
  savaite: 'week',
  mėnuo: 'month',
  menuo: 'month',
  ketvirtis: 'quarter',
};

function reportIntent(argument: string): CommandIntent {
  const period = argument === '' ? 'week' : PERIOD_WORDS[argument.toLowerCase()];
  return period ? { do: 'report', period } : { do: 'usage', word: 'report' };
}

function staffIntent([field = '', ...value]: readonly string[], mentions: readonly PersonRef[]): CommandIntent {
  const name = field.toLowerCase();
  if ((PROFILE_FIELDS as readonly string[]).includes(name)) return { do: 'staff_profile', field: name as ProfileField, value: value.join(' ') };
  const [member, manager] = mentions;
  if (name === 'manager' && member && manager) return { do: 'staff_manager', member, manager };
  if (name === 'away') return awayIntent(value, mentions);
  if (name === 'back') return member ? { do: 'staff_back', member } : { do: 'staff_back' };
  if (name === 'import' && value.length === 0) return { do: 'staff_import' };
  return { do: 'usage', word: 'staff' };
}

/** `hold <number> on|off` (`įjungti`/`išjungti` too): the domain finds the number and checks who may. */
function holdIntent(words: readonly string[]): CommandIntent {
  const [reference, state = '', ...extra] = words;
  const on = ['on', 'įjungti', 'ijungti'].includes(state.toLowerCase());
  const off = ['off', 'išjungti', 'isjungti'].includes(state.toLowerCase());
  if (reference === undefined || extra.length > 0 || (!on && !off)) return { do: 'usage', word: 'hold' };
  return { do: 'hold', reference, on };
}

/** Something written as a date (the domain reads it, and says so when it cannot). */
const DATE_LIKE = /^\d{4}-\d{1,2}-\d{1,2}$/;

/** `audit <from> [<to>]`: one date is a single day; the domain reads the dates and says when it cannot. */
function auditIntent(words: readonly string[]): CommandIntent {
  const [from, to = from, ...extra] = words;
  if (from === undefined || !DATE_LIKE.test(from) || !DATE_LIKE.test(to!) || extra.length > 0) return { do: 'usage', word: 'audit' };
  return { do: 'audit', from, to: to! };
}

/**
 * `staff away <from> [<to>] [@member] @substitute`: one mention is the substitute for oneself; two are the member and
 * their substitute, like `staff manager @member @manager`. One date is a single day.
 */
function awayIntent(words: readonly string[], mentions: readonly PersonRef[]): CommandIntent {
  const [from, to = from] = words.filter((word) => DATE_LIKE.test(word));
  if (from === undefined || !DATE_LIKE.test(words[0] ?? '') || mentions.length === 0) return { do: 'usage', word: 'staff' };
  const [member, substitute] = mentions.length >= 2 ? mentions : [undefined, mentions[0]!];
  return { do: 'staff_away', from, to, substitute: substitute!, ...(member ? { member } : {}) };
}
