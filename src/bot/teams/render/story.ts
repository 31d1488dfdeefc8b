import { translate, type Language } from '../../core/i18n/index.js';
import type { InquiryStory, StoryAction, StoryDeadline, StoryLine } from '../../core/inquiry-story.js';
import { actionSet, adaptiveCard, fieldLines, heading, note, openDialog, openUrl, plain, type AdaptiveCard, type CardElement } from './elements.js';
import { TARGET_KEY, type TargetDialog } from './actions.js';
import { renderAction } from './inquiry.js';

/** Marks a staff note that never reaches the client (R35.no-internal); the legend above says so in words. */
const INTERNAL_MARK = '🔒';

/** Teams refuses messages over about 28 KB: a long timeline shows its latest entries and how many came before. */
const MAX_TIMELINE_LINES = 40;

/** Opens the dialog acting on one meeting or external step of an inquiry (from the story or from a notice). */
export function targetDialog(label: string, dialog: TargetDialog, inquiryId: string, targetId: string, positive = false): CardElement {
  return openDialog(label, dialog, { inquiryId, [TARGET_KEY[dialog]]: targetId }, positive ? 'positive' : undefined);
}

function storyButton(action: StoryAction, inquiryId: string): CardElement {
  if (action.id === 'open_letter' || action.id === 'open_attachment') return openUrl(action.label, action.url!);
  return targetDialog(action.label, action.id, inquiryId, action.targetId);
}

/** One line of the story as literal text; an internal one carries the lock and reads subdued. */
export function storyLine(line: StoryLine): CardElement {
  return {
    type: 'RichTextBlock',
    inlines: [
      ...(line.internal ? [{ type: 'TextRun', text: `${INTERNAL_MARK} `, color: 'warning' }] : []),
      { type: 'TextRun', text: line.text === '' ? ' ' : line.text, ...(line.internal ? { isSubtle: true } : {}) },
    ],
  };
}

function deadlineLine(deadline: StoryDeadline): CardElement {
  const color = deadline.state === 'overdue' ? 'attention' : deadline.state === 'met' ? 'good' : deadline.state === 'missed' ? 'warning' : 'default';
  return {
    type: 'RichTextBlock',
    inlines: [
      { type: 'TextRun', text: `${deadline.label}: `, weight: 'Bolder' },
      { type: 'TextRun', text: `${deadline.due} · ` },
      { type: 'TextRun', text: deadline.stateLabel, color },
    ],
  };
}

function titled(title: string, items: CardElement[]): CardElement {
  return { type: 'Container', separator: true, items: [note(title, { subtle: true }), ...items] };
}

/**
 * Everything about one inquiry for the person who asked (Details, `show`): fields, the whole body, deadlines
 * with their state, calls, meetings, external steps, what the client was sent, the timeline, and buttons for
 * the meeting, step or letter each part is about. The inquiry's own actions follow at the bottom.
 */
function storyCard(story: InquiryStory, body: string, language: Language): AdaptiveCard {
  const { card } = story;
  const hasInternal = [...story.sections.flatMap((section) => section.lines), ...story.timeline].some((line) => line.internal);
  const elements: CardElement[] = [
    heading(card.title, card.state === 'overdue' ? 'attention' : 'default'),
    plain(card.subject),
    fieldLines(card.fields),
    plain(body),
    ...(story.deadlines.length > 0 ? [titled(translate(language, 'story.deadlines'), story.deadlines.map(deadlineLine))] : []),
    ...(hasInternal ? [note(`${INTERNAL_MARK} ${translate(language, 'card.internal')}`, { color: 'warning' })] : []),
    ...story.sections.map((section) => titled(section.title, section.lines.map(storyLine))),
    ...(story.actions.length > 0 ? [actionSet(story.actions.map((action) => storyButton(action, card.inquiryId)))] : []),
    // A colleague's view has no timeline (issue #15, least privilege): no empty heading either.
    ...(story.timeline.length > 0 ? [titled(translate(language, 'card.timeline'), timelineLines(story.timeline, language))] : []),
  ];
  return adaptiveCard(
    elements,
    card.actions.filter((action) => action.id !== 'details').map((action) => renderAction(action, card.inquiryId, 'details')),
  );
}

function timelineLines(timeline: StoryLine[], language: Language): CardElement[] {
  const earlier = timeline.length - MAX_TIMELINE_LINES;
  if (earlier <= 0) return timeline.map(storyLine);
  return [note(translate(language, 'teams.story.earlier', { n: earlier }), { subtle: true }), ...timeline.slice(earlier).map(storyLine)];
}

/** The inquiry's whole story (R12.records) as the details card: a click's answer, the `show` command's. */
export function storyView(story: InquiryStory, language: Language): AdaptiveCard {
  return storyCard(story, fitBody(story.body), language);
}

/** Teams refuses messages over about 28 KB; a very long letter is cut (the e-mail itself stays whole). */
const MAX_BODY_CHARACTERS = 12_000;

function fitBody(body: string): string {
  return body.length <= MAX_BODY_CHARACTERS ? body : `${body.slice(0, MAX_BODY_CHARACTERS - 1)}…`;
}
