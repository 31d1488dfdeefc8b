import { translate } from '../../core/i18n/index.js';
import type { NoticeRenderer } from '../../core/notices/delivery.js';
import type { ReportRenderer } from '../../core/reports/digest.js';
import { reportCard } from '../render/report.js';
import type { NoticeAction, NoticeKind, NoticeTone } from '../../core/notices/notice.js';
import type { Reader, RenderedNotice } from '../../core/notices/speak.js';
import { adaptiveCard, execute, heading, note, openDialog, openUrl, plain, type ActionStyle, type AdaptiveCard, type CardElement } from '../render/elements.js';
import { ESCALATION_VERBS, INQUIRY_VERBS, TARGET_KEY } from '../render/actions.js';
import { announcementCard } from '../render/inquiry.js';
import { storyLine } from '../render/story.js';

const STYLE = { primary: 'positive', danger: 'destructive' } as const satisfies Record<string, ActionStyle>;
const COLOR: Record<NoticeTone, 'default' | 'attention'> = { info: 'default', attention: 'attention', internal: 'default' };

/** A button: Action.Execute for verbs, task/fetch for forms, OpenUrl for the printable letter. */
function button(action: NoticeAction, caption: string): CardElement {
  const style = action.style ? STYLE[action.style] : undefined;
  switch (action.do) {
    case 'open':
      return execute(caption, INQUIRY_VERBS.details, { inquiryId: action.inquiryId, view: 'details' }, style);
    case 'verb':
      return execute(caption, INQUIRY_VERBS[action.verb], { inquiryId: action.inquiryId, view: 'notice' }, style);
    case 'inform_client':
      return execute(caption, INQUIRY_VERBS.inform_client, { inquiryId: action.inquiryId, noteId: action.noteId }, style);
    case 'link':
      return openUrl(caption, action.url);
    case 'escalation':
      if (action.verb === 'report' || action.verb === 'do_not_report') {
        return execute(caption, ESCALATION_VERBS.decide, { escalationId: action.escalationId, report: action.verb === 'report' }, style);
      }
      return execute(caption, ESCALATION_VERBS[action.verb], { escalationId: action.escalationId }, style);
    case 'form': {
      const target = action.targetId && action.form in TARGET_KEY ? { [TARGET_KEY[action.form as keyof typeof TARGET_KEY]]: action.targetId } : {};
      return openDialog(caption, action.form, { inquiryId: action.inquiryId, ...target, ...(action.prefill ?? {}) }, style);
    }
  }
}

/** The headline, stamped with the policy's decision so tests (and support) can name what was shown. */
function headline(notice: RenderedNotice): CardElement {
  return { ...heading(notice.headline, COLOR[notice.tone]), id: `notice:${notice.id}` };
}

/** Facts beside the headline; internal ones under the "internal" legend (R35.no-internal). */
function facts(notice: RenderedNotice, reader: Reader): CardElement[] {
  const internal = notice.facts.some((fact) => fact.internal) || notice.tone === 'internal';
  return [
    ...(internal ? [note(translate(reader.language, 'card.internal'), { color: 'warning' })] : []),
    ...notice.notes.map((text) => note(text, { color: 'warning' })),
    ...notice.facts.map((fact) => plain(fact.value, { label: fact.label, ...(fact.href ? { href: fact.href } : {}) })),
  ];
}

/** R29.agreed-time: the last calls and the latest entries of the story. */
function recent(notice: RenderedNotice, reader: Reader): CardElement[] {
  if (!notice.recent) return [];
  const { calls, timeline } = notice.recent;
  const t = (key: 'story.calls' | 'notice.recent') => translate(reader.language, key);
  return [...(calls.length > 0 ? [note(t('story.calls'), { subtle: true }), ...calls.map(storyLine)] : []), note(t('notice.recent'), { subtle: true }), ...timeline.map(storyLine)];
}

/** A message with its buttons; once a keyed message is updated with an outcome, the outcome stands in their place. */
function card(notice: RenderedNotice, reader: Reader, extra: CardElement[] = []): AdaptiveCard {
  const outcome = notice.outcome === null ? [] : [note(notice.outcome, { color: 'good' })];
  const actions = notice.outcome === null ? notice.actions.map(({ action, caption }) => button(action, caption)) : [];
  return adaptiveCard([headline(notice), ...facts(notice, reader), ...extra, ...outcome], actions);
}

/** One entry per kind of notice: the compiler refuses a kind without one. */
const KINDS = {
  inquiry_card: (notice) => {
    if (!notice.card) throw new Error('teams: an inquiry card notice without its card');
    return announcementCard(notice.card);
  },
  note: (notice, reader) => card(notice, reader),
  call_note: (notice, reader) => card(notice, reader),
  deadline: (notice, reader) => card(notice, reader, recent(notice, reader)),
  escalation: (notice, reader) => card(notice, reader),
  head_decision: (notice, reader) => card(notice, reader),
  workflow: (notice, reader) => card(notice, reader),
  welcome: (notice, reader) => card(notice, reader),
} satisfies Record<NoticeKind, (notice: RenderedNotice, reader: Reader) => AdaptiveCard>;

/** The core's notices as Adaptive Cards. */
export const teamsNoticeRenderer: NoticeRenderer<AdaptiveCard> & ReportRenderer<AdaptiveCard> = {
  notice: (notice, reader) => KINDS[notice.kind](notice, reader),
  // Each chart carries its own fallback inside the card: a client without chart elements shows the table instead.
  report: (view) => reportCard(view),
  refusesCharts: () => false,
};
