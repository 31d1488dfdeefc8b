import type { Inquiry } from '../../../domain/inquiry.js';
import type { CallLogRecord, DeadlineKind } from '../../../domain/events.js';
import { formatWhen } from '../../core/format-time.js';
import { translate, type Language } from '../../core/i18n/index.js';
import type { KnownBlock } from './block-types.js';
import { actionButton } from './inquiry-blocks.js';
import { fallback, inert, labelled, mrkdwn } from './text.js';

/** Where and when a notice is read: its language, the current time and the institution's zone. */
export interface Reading {
  language: Language;
  now: Date;
  zone: string;
}

/** R14.reply-1wd: the nudge to the owner before a deadline, with what can be done about it right there. */
export function reminderBlocks(inquiry: Inquiry, stage: 'reminder' | 'overdue', deadline: Exclude<DeadlineKind, 'claim'>, dueAt: Date, reading: Reading): { text: string; blocks: KnownBlock[] } {
  const { language } = reading;
  const text = translate(language, `notice.${stage}.${deadline}`, { number: inquiry.registryNumber, due: formatWhen(dueAt, language, reading.now, reading.zone) });
  const buttons = [
    ...(deadline === 'first_reply' && inquiry.firstReplyAt === null
      ? [actionButton({ id: 'mark_replied', label: translate(language, 'action.mark_replied'), style: 'primary' }, inquiry.id)]
      : []),
    actionButton({ id: 'details', label: translate(language, 'action.open') }, inquiry.id),
  ];
  return {
    text: fallback(text),
    blocks: [
      { type: 'section', text: mrkdwn(`${stage === 'overdue' ? ':red_circle: ' : ':alarm_clock: '}${inert(text)}`) },
      { type: 'section', text: labelled(translate(language, 'card.subject'), inquiry.subject) },
      { type: 'actions', block_id: 'notice_actions', elements: buttons },
    ],
  };
}

/**
 * A notice about one inquiry with its Open button (the client wrote, an e-mail failed): what to look at is
 * one click away. Used for DMs and for the announcement's thread.
 */
export function inquiryNoticeBlocks(text: string, inquiryId: string, language: Language, mark: string): { text: string; blocks: KnownBlock[] } {
  return {
    text: fallback(text),
    blocks: [
      { type: 'section', text: mrkdwn(`${mark} ${inert(text)}`) },
      { type: 'actions', block_id: 'notice_actions', elements: [actionButton({ id: 'details', label: translate(language, 'action.open') }, inquiryId)] },
    ],
  };
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
