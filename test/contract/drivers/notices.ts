import { en } from '../../../src/bot/core/i18n/en.js';
import { lt, type MessageKey } from '../../../src/bot/core/i18n/lt.js';

/**
 * Until the renderers stamp notice ids (plan §6.1 step 4), a delivered message is named by the catalogue text it
 * shows: the key whose template (in Lithuanian or English, registry number as a pattern, other parameters as
 * wildcards) matches the message with the most literal text. Built from the catalogue itself, so a reworded text
 * moves with it; two keys with one wording (`slack.notice.x` / `teams.notice.x`) keep their own names, which is
 * how a drift in keys shows.
 */
const NUMBER = String.raw`\d{4}-\d{6}`;
/** Keys without a registry number that still name a whole message (a call note sits under its card: no number). */
const WITHOUT_NUMBER: readonly MessageKey[] = ['list.mine', 'list.found', 'reply.no_inquiries', 'notice.welcome', 'notice.mail_unregistered', 'notice.call_logged', 'error.INQUIRY.NOT_OWNER', 'error.ESCALATION.NOT_RECIPIENT', 'command.usage',
  // R4.owner, away with cover: about a person, not an inquiry.
  'notice.staff_away', 'notice.staff_back', 'reply.away_set', 'reply.back', 'error.ABSENCE.SUBSTITUTE_SELF', 'error.ABSENCE.NONE',
  // R60.internal: quality reports are about a period, not an inquiry.
  'report.title.week', 'report.title.month', 'report.title.quarter', 'report.digest',
  // R12.records: the audit log's export is about a period, and refused to anyone but an admin.
  'audit.ready', 'error.STAFF.NOT_ALLOWED', 'error.AUDIT.PERIOD_INVALID',
  // Issue #15, subject access: about a person, never named in chat; refused to anyone but an admin.
  'subject_access.ready', 'error.SUBJECT_ACCESS.CONTACT_INVALID',
  // Issue #15, erasure on request: about a person (its lines name registry numbers, the message is the request's).
  'erasure.done',
  // Issue #15 (retention): the admins' notice the evening before is about a night, not an inquiry.
  'notice.retention_due', 'reply.retention_run'];
/**
 * Secondary lines a row may ask about (`+notice.call.retry`), and fact labels whose presence is a drift (D9 call
 * facts, D10 call plan, D11 meeting facts, D13 the step's *what*); printed in this order.
 */
export const MARKS: readonly MessageKey[] = [
  'notice.call.retry',
  'notice.call.plan',
  'form.call.expectation',
  'form.call.alternatives',
  'form.call.risks',
  'form.call.next_step',
  'form.meeting.agenda',
  'form.step.what',
  // R4.owner: a notice to the substitute of an away colleague says whom they cover for.
  'notice.covering_for',
  // Issue #13: the welcome says who can use the app, not only what it is for.
  'notice.welcome.who',
  // Issue #13: a manager's "still overdue" DM, updated in place, says what became of it.
  'notice.overdue_escalated.settled.replied',
  'notice.overdue_escalated.settled.resolved',
  'notice.overdue_escalated.settled.owner',
];

interface Template {
  key: MessageKey;
  pattern: RegExp;
  literal: number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(key: MessageKey, template: string): Template {
  const parts = template.split(/(\{\w+\})/);
  let literal = 0;
  const source = parts
    .map((part) => {
      if (part === '{number}' || part === '{registryNumber}') return NUMBER;
      if (/^\{\w+\}$/.test(part)) return String.raw`[\s\S]*?`;
      literal += part.length;
      return escape(part);
    })
    .join('');
  return { key, pattern: new RegExp(source), literal };
}

const TEMPLATES: Template[] = (Object.keys(lt) as MessageKey[])
  .filter((key) => WITHOUT_NUMBER.includes(key) || /\{(number|registryNumber)\}/.test(lt[key]))
  .flatMap((key) => [compile(key, lt[key]), compile(key, en[key])])
  .filter((template) => template.literal >= 8)
  .sort((a, b) => b.literal - a.literal);

/** `card.title` with each kind word of the catalogue: the announcement and its re-renders. */
const KINDS = (Object.keys(lt) as MessageKey[]).filter((key) => key.startsWith('kind.')).flatMap((key) => [lt[key], en[key]]);
const CARD_TITLE = new RegExp(`(^|\\n)(${KINDS.map(escape).join('|')}) ${NUMBER}`);

/** The notice a message shows: `inquiry.card` for the inquiry card, else the best-matching catalogue key. */
export function noticeOf(text: string): string {
  const found = TEMPLATES.find((template) => template.key !== 'card.title' && template.pattern.test(text));
  if (found) return found.key;
  return CARD_TITLE.test(text) ? 'inquiry.card' : `?${text.slice(0, 80)}`;
}

/** The marks (secondary catalogue lines) a message carries. */
export function marksOf(text: string): string[] {
  return MARKS.filter((key) => [lt[key], en[key]].some((template) => (/\{\w+\}/.test(template) ? compile(key, template).pattern.test(text) : text.includes(template))));
}

/** Registry numbers in order of appearance, once each (lists). */
export function numbersIn(text: string): string[] {
  return [...new Set(text.match(new RegExp(NUMBER, 'g')) ?? [])];
}
