import type { Inquiry } from '../../../domain/inquiry.js';
import type { CallLogRecord, DeadlineKind } from '../../../domain/events.js';
import { formatWhen } from '../../core/format-time.js';
import { translate, type Language } from '../../core/i18n/index.js';
import type { StoryLine } from '../../core/inquiry-story.js';
import type { Button, KnownBlock } from './block-types.js';
import { storyLineText } from './details-blocks.js';
import { actionButton } from './inquiry-blocks.js';
import { fallback, inert, labelled, LIMITS, mrkdwn } from './text.js';

/** Where and when a notice is read: its language, the current time and the institution's zone. */
export interface Reading {
  language: Language;
  now: Date;
  zone: string;
}

/** What a notice holds: a headline, facts beside each other, lines of history, and what can be done. */
export interface NoticeParts {
  /** An emoji code that says what kind of notice it is. */
  mark: string;
  text: string;
  facts?: Array<[label: string, value: string]>;
  /** History lines; internal ones are marked (R35.no-internal). */
  lines?: StoryLine[];
  buttons?: Button[];
}

/** A notice as Block Kit; every text from outside is made inert. */
export function noticeBlocks(parts: NoticeParts): { text: string; blocks: KnownBlock[] } {
  const facts = (parts.facts ?? []).filter(([, value]) => value !== '').slice(0, 10);
  const lines = parts.lines ?? [];
  const buttons = parts.buttons ?? [];
  return {
    text: fallback(parts.text),
    blocks: [
      { type: 'section', text: mrkdwn(`${parts.mark} ${inert(parts.text)}`) },
      ...(facts.length > 0 ? [{ type: 'section' as const, fields: facts.map(([label, value]) => labelled(label, value)) }] : []),
      ...(lines.length > 0 ? [{ type: 'context' as const, elements: [mrkdwn(lines.map(storyLineText).join('\n'), LIMITS.contextElement)] }] : []),
      ...(buttons.length > 0 ? [{ type: 'actions' as const, block_id: 'notice_actions', elements: buttons }] : []),
    ],
  };
}

export function openButton(inquiryId: string, language: Language): Button {
  return actionButton({ id: 'details', label: translate(language, 'action.open') }, inquiryId);
}

/** What a deadline notice offers beyond its headline: the buttons that meet it, facts and history. */
export interface ReminderExtras {
  buttons: Button[];
  facts: Array<[string, string]>;
  lines: StoryLine[];
}

/** R14.reply-1wd and the workflow deadlines: the nudge before a deadline, or the notice at it, with what can be done there. */
export function reminderBlocks(
  inquiry: Inquiry,
  stage: 'reminder' | 'overdue',
  deadline: Exclude<DeadlineKind, 'claim'>,
  dueAt: Date,
  reading: Reading,
  extras: ReminderExtras,
): { text: string; blocks: KnownBlock[] } {
  const { language } = reading;
  const text = translate(language, `notice.${stage}.${deadline}`, { number: inquiry.registryNumber, due: formatWhen(dueAt, language, reading.now, reading.zone) });
  return noticeBlocks({
    mark: stage === 'overdue' ? ':red_circle:' : ':alarm_clock:',
    text,
    facts: [[translate(language, 'card.subject'), inquiry.subject], ...extras.facts],
    lines: extras.lines,
    buttons: [...extras.buttons, openButton(inquiry.id, language)],
  });
}

/**
 * A notice about one inquiry with its Open button (the client wrote, an e-mail failed): what to look at is
 * one click away. Used for DMs and for the announcement's thread.
 */
export function inquiryNoticeBlocks(text: string, inquiryId: string, language: Language, mark: string): { text: string; blocks: KnownBlock[] } {
  return noticeBlocks({ mark, text, buttons: [openButton(inquiryId, language)] });
}

/** A one-line message (a thread note, a private answer, a DM), its text made inert. */
export function noteMessage(text: string): { text: string; blocks: KnownBlock[] } {
  return { text: fallback(text), blocks: [{ type: 'section', text: mrkdwn(inert(text)) }] };
}

/** R44.call-notes / R16.expectations: the call summary as an internal note in the announcement's thread. */
export function callNoteBlocks(call: CallLogRecord, language: Language, now: Date, zone: string): { text: string; blocks: KnownBlock[] } {
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
  const text = translate(language, 'notice.call_logged', { outcome: t(`outcome.${call.outcome}`), summary: call.summary || '—' });
  const details: Array<[string, string]> = [
    [t('form.call.expectation'), call.clientExpectation],
    [t('form.call.alternatives'), call.alternativesOffered],
    [t('form.call.risks'), call.risksExplained],
    [t('form.call.next_step'), call.nextStep],
    [t('form.call.next_step_due'), call.nextStepDue ? formatWhen(new Date(call.nextStepDue), language, now, zone) : ''],
  ];
  const filled = details.filter(([, value]) => value !== '');
  return {
    text: fallback(text),
    blocks: [
      { type: 'context', elements: [mrkdwn(`:lock: ${inert(t('card.internal'))}`)] },
      { type: 'section', text: mrkdwn(inert(text)) },
      ...(filled.length > 0 ? [{ type: 'section' as const, fields: filled.map(([label, value]) => labelled(label, value)) }] : []),
    ],
  };
}
