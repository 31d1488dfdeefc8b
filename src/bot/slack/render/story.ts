import type { DeadlineState } from '../../../domain/deadline-states.js';
import { translate, type Language } from '../../core/i18n/index.js';
import type { InquiryStory, StoryAction, StoryLine } from '../../core/inquiry-story.js';
import { pairValue } from './actions.js';
import type { Button, KnownBlock } from './block-types.js';
import { actionButton, cardControls } from './inquiry.js';
import { clip, inert, labelled, linked, LIMITS, mrkdwn, plain } from './elements.js';

/**
 * Slack allows 50 blocks per message. The story's parts take at most 2 blocks per section (5 sections),
 * 4 for the timeline and a few for the card, deadlines, dividers and the two rows of buttons; the body gets
 * what is left.
 */
const MESSAGE_BLOCKS = LIMITS.messageBlocks;
const SECTION_PIECES = 2;
const TIMELINE_PIECES = 3;
/** Room left in a text object for a title and the "earlier entries" note. */
const PIECE = LIMITS.text - 100;

const DEADLINE_MARK: Record<DeadlineState, string> = { pending: ':hourglass_flowing_sand:', met: ':white_check_mark:', missed: ':warning:', overdue: ':red_circle:' };

/** A line of the story in mrkdwn; an internal one is marked so nobody passes it to the client (R35.no-internal). */
export function storyLineText(line: StoryLine): string {
  return `${line.internal ? ':lock: ' : ''}${inert(line.text)}`;
}

/**
 * The whole story of an inquiry for the one person who asked (Details, `/inquiry show`): the card's fields,
 * the message, the deadlines with their state, calls, meetings, external steps, escalations, what the client
 * was sent, the timeline, the card's own buttons, and buttons for the parts that wait on someone. Long parts
 * keep their newest lines.
 */
export function storyBlocks(story: InquiryStory, language: Language): { text: string; blocks: KnownBlock[] } {
  const { card } = story;
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
  const deadlines = story.deadlines.map((deadline) => `${DEADLINE_MARK[deadline.state]} ${inert(deadline.label)} · ${inert(deadline.due)} · ${inert(deadline.stateLabel)}`);
  const internal = [...story.sections.flatMap((section) => section.lines), ...story.timeline].some((line) => line.internal);
  const head: KnownBlock[] = [
    { type: 'header', text: plain(card.title, LIMITS.header) },
    { type: 'section', text: labelled(t('card.subject'), card.subject, LIMITS.text) },
    { type: 'section', fields: card.fields.slice(0, 10).map((field) => (field.href ? linked(field.label, field.value, field.href) : labelled(field.label, field.value))) },
  ];
  const rest: KnownBlock[] = [
    { type: 'divider' },
    ...(deadlines.length > 0 ? titled(t('story.deadlines'), deadlines, 1, language) : []),
    ...(internal ? [{ type: 'context' as const, elements: [mrkdwn(`:lock: ${inert(t('card.internal'))}`)] }] : []),
    ...story.sections.flatMap((section) => titled(section.title, section.lines.map(storyLineText), SECTION_PIECES, language)),
    // A colleague's view has no timeline (issue #15, least privilege): no empty heading either.
    ...(story.timeline.length === 0
      ? []
      : [
          { type: 'divider' as const },
          { type: 'section' as const, text: mrkdwn(`*${inert(t('card.timeline'))}*`) },
          ...newest(story.timeline.map(storyLineText), TIMELINE_PIECES, language).map((text): KnownBlock => ({ type: 'context', elements: [mrkdwn(text)] })),
        ]),
  ];
  // What the card offers is at hand here too (this view is also reached from DMs and `/inquiry show`).
  const controls = cardControls({ ...card, actions: card.actions.filter((action) => action.id !== 'details') }, language);
  if (controls.length > 0) rest.push({ type: 'actions', block_id: 'inquiry_actions', elements: controls });
  const buttons = story.actions.slice(0, 25).map((action) => storyButton(action, card.inquiryId));
  if (buttons.length > 0) rest.push({ type: 'actions', block_id: 'story_actions', elements: buttons });
  const body = inertPieces(story.body, PIECE, MESSAGE_BLOCKS - head.length - rest.length).map((piece): KnownBlock => ({ type: 'section', text: mrkdwn(piece) }));
  return { text: card.title, blocks: [...head, ...body, ...rest] };
}

/**
 * Each attachment's link button gets an action id of its own (`open_attachment:<id>`): Slack wants them distinct
 * within a block. Its click, sent although the link opens in the browser, is only acked.
 */
export const OPEN_ATTACHMENT_ACTION = /^open_attachment:/;

/** A meeting, step, letter or attachment button; the value names the inquiry and the part acted on. */
function storyButton(action: StoryAction, inquiryId: string): Button {
  const id = action.id === 'open_attachment' ? `${action.id}:${action.targetId}` : action.id;
  const button = actionButton({ ...action, id }, pairValue(inquiryId, action.targetId), clip(action.label, LIMITS.buttonLabel));
  return action.url ? { ...button, url: action.url } : button;
}

/** A bold title over its lines, in at most `pieces` section blocks. */
function titled(title: string, lines: string[], pieces: number, language: Language): KnownBlock[] {
  return newest(lines, pieces, language).map((text, index): KnownBlock => ({ type: 'section', text: mrkdwn(index === 0 ? `*${inert(title)}*\n${text}` : text) }));
}

/**
 * Lines packed into at most `pieces` texts of at most PIECE characters, never cutting a line in two (a line
 * longer than a piece is clipped). When they do not all fit, the newest stay and the first text says how
 * many earlier lines are left out.
 */
function newest(lines: string[], pieces: number, language: Language): string[] {
  const clipped = lines.map((line) => clip(line, PIECE));
  for (let left = 0; left < clipped.length; left += 1) {
    const shown = clipped.slice(left);
    const packed = pack(left === 0 ? shown : [translate(language, 'slack.story.earlier', { n: left }), ...shown]);
    if (packed.length <= pieces) return packed;
  }
  return pack(clipped.length === 0 ? [] : [translate(language, 'slack.story.earlier', { n: clipped.length })]);
}

function pack(lines: string[]): string[] {
  const pieces: string[] = [];
  for (const line of lines) {
    const last = pieces.at(-1);
    if (last !== undefined && last.length + 1 + line.length <= PIECE) pieces[pieces.length - 1] = `${last}\n${line}`;
    else pieces.push(line);
  }
  return pieces;
}

/** The text made inert, then cut into pieces of at most `size`, never inside an escape such as `&amp;`. */
function inertPieces(text: string, size: number, maxPieces: number): string[] {
  const escaped = inert(text);
  const pieces: string[] = [];
  let start = 0;
  while (start < escaped.length && pieces.length < maxPieces) {
    let end = Math.min(start + size, escaped.length);
    const ampersand = escaped.lastIndexOf('&', end - 1);
    if (end < escaped.length && ampersand > end - 6 && ampersand >= start) end = ampersand;
    pieces.push(escaped.slice(start, end));
    start = end;
  }
  if (start < escaped.length) pieces[pieces.length - 1] = `${pieces.at(-1)!.slice(0, -1)}…`;
  return pieces;
}
