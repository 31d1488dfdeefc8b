import { translate } from '../../core/i18n/index.js';
import type { NoticeRenderer } from '../../core/notices/delivery.js';
import type { ReportRenderer } from '../../core/reports/digest.js';
import { slackErrorCode } from '../errors.js';
import { reportMessage } from '../render/report.js';
import type { NoticeAction, NoticeKind } from '../../core/notices/notice.js';
import type { Reader, RenderedNotice } from '../../core/notices/speak.js';
import { pairValue } from '../render/actions.js';
import type { Button, KnownBlock, MrkdwnElement } from '../render/block-types.js';
import { storyLineText } from '../render/story.js';
import { actionButton, inquiryMessage } from '../render/inquiry.js';
import { letterButton } from '../render/letter.js';
import { clip, fallback, inert, labelled, linked, LIMITS, mrkdwn } from '../render/elements.js';
import type { SlackMessage } from '../surface.js';

/** A line of the recent past is a reminder, not the record: kept short. */
const LINE_LENGTH = 300;
/** Section fields: at most 10 per section. */
const MAX_FACTS = 10;

/**
 * The action id (the listener that answers it) and value of each neutral button. A value naming a part of an
 * inquiry (a meeting, a step, a status note) is `inquiryId:partId`.
 */
function target(action: Exclude<NoticeAction, { do: 'link' }>): { id: string; value: string } {
  switch (action.do) {
    case 'open':
      return { id: 'details', value: action.inquiryId };
    case 'verb':
      return { id: action.verb, value: action.inquiryId };
    case 'inform_client':
      return { id: 'inform_client', value: pairValue(action.inquiryId, action.noteId) };
    case 'escalation':
      return { id: action.verb === 'refer_to_head' ? 'escalation_refer' : `escalation_${action.verb}`, value: action.escalationId };
    case 'form':
      if (action.targetId) return { id: action.form, value: pairValue(action.inquiryId, action.targetId) };
      if (action.form === 'reply_email' && action.prefill?.draft) return { id: 'email_client', value: action.inquiryId };
      if (action.form === 'plan_meeting' && action.prefill?.joint) return { id: 'plan_joint_meeting', value: action.inquiryId };
      return { id: action.form, value: action.inquiryId };
  }
}

/** A neutral button as Block Kit; a link (the printable letter) opens its address. */
function button(action: NoticeAction, caption: string): Button {
  if (action.do === 'link') return letterButton(action.url, caption, action.style);
  const { id, value } = target(action);
  return actionButton({ id, label: caption, ...(action.style ? { style: action.style } : {}) }, value);
}

/** `*Label*\nvalue`; the client's phone or e-mail as a link. */
function factField(fact: RenderedNotice['facts'][number]): MrkdwnElement {
  return fact.href ? linked(fact.label, fact.value, fact.href) : labelled(fact.label, fact.value);
}

/** The emoji that says at a glance what kind of notice it is. */
function mark(notice: RenderedNotice): string {
  if (notice.kind === 'welcome') return ':wave:';
  if (notice.kind === 'deadline') return notice.tone === 'attention' ? ':red_circle:' : ':alarm_clock:';
  if (notice.kind === 'escalation' || notice.kind === 'head_decision') return notice.tone === 'attention' ? ':rotating_light:' : ':warning:';
  return notice.tone === 'attention' ? ':warning:' : ':speech_balloon:';
}

const context = (text: string): KnownBlock => ({ type: 'context', elements: [mrkdwn(text, LIMITS.contextElement)] });

/** R29.agreed-time: the last calls and the latest entries, internal ones marked (R35.no-internal). */
function recent(notice: RenderedNotice, reader: Reader): KnownBlock[] {
  if (!notice.recent) return [];
  const { calls, timeline } = notice.recent;
  const lines = (title: string, shown: typeof calls) => `*${inert(title)}*\n${shown.map((line) => storyLineText({ ...line, text: clip(line.text, LINE_LENGTH) })).join('\n')}`;
  return [
    ...(calls.length > 0 ? [context(lines(translate(reader.language, 'story.calls'), calls))] : []),
    ...(timeline.length > 0 ? [context(lines(translate(reader.language, 'notice.recent'), timeline))] : []),
  ];
}

/**
 * A notice as Block Kit: the headline (stamped `notice:<id>` so support and tests can name what was shown), the
 * internal legend, notes, facts side by side, the recent past, then the buttons — or, once a keyed message is
 * updated with what was done, that outcome in their place. Every text from outside is made inert.
 */
function noticeMessage(notice: RenderedNotice, reader: Reader): SlackMessage {
  const internal = notice.tone === 'internal' || notice.facts.some((fact) => fact.internal);
  const facts = notice.facts.filter((fact) => fact.value !== '').slice(0, MAX_FACTS);
  const strong = notice.kind === 'escalation' || notice.kind === 'head_decision' ? `*${inert(notice.headline)}*` : inert(notice.headline);
  const blocks: KnownBlock[] = [
    ...(internal ? [context(`:lock: ${inert(translate(reader.language, 'card.internal'))}`)] : []),
    { type: 'section', block_id: `notice:${notice.id}`, text: mrkdwn(`${mark(notice)} ${strong}`) },
    ...notice.notes.map((note) => context(`:warning: ${inert(note)}`)),
    ...(facts.length > 0 ? [{ type: 'section' as const, fields: facts.map(factField) }] : []),
    ...recent(notice, reader),
  ];
  if (notice.outcome !== null) blocks.push(context(`:heavy_check_mark: ${inert(notice.outcome)}`));
  else if (notice.actions.length > 0) blocks.push({ type: 'actions', block_id: 'notice_actions', elements: notice.actions.map(({ action, caption }) => button(action, caption)) });
  return { text: fallback(notice.headline), blocks };
}

/** One entry per kind of notice: the compiler refuses a kind without one. */
const KINDS = {
  inquiry_card: (notice, reader) => {
    if (!notice.card) throw new Error('slack: an inquiry card notice without its card');
    return inquiryMessage(notice.card, reader.language);
  },
  note: noticeMessage,
  call_note: noticeMessage,
  deadline: noticeMessage,
  escalation: noticeMessage,
  head_decision: noticeMessage,
  workflow: noticeMessage,
  welcome: noticeMessage,
} satisfies Record<NoticeKind, (notice: RenderedNotice, reader: Reader) => SlackMessage>;

/** The core's notices as Block Kit. */
export const slackNoticeRenderer: NoticeRenderer<SlackMessage> & ReportRenderer<SlackMessage> = {
  notice: (notice, reader) => KINDS[notice.kind](notice, reader),
  report: (view, options) => reportMessage(view, options),
  // R60.internal: a workspace whose clients do not take the chart block yet answers invalid_blocks.
  refusesCharts: (error) => slackErrorCode(error) === 'invalid_blocks',
};
