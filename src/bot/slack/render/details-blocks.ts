import { DateTime } from 'luxon';
import type { InquirySnapshot } from '../../../domain/inquiry.queries.js';
import { fullName, type StaffMember } from '../../../domain/staff.js';
import { translate, type Language, type MessageKey } from '../../core/i18n/index.js';
import { lt } from '../../core/i18n/lt.js';
import { buildInquiryCard } from '../../core/inquiry-card.js';
import type { KnownBlock } from './block-types.js';
import type { Reading } from './notice-blocks.js';
import { chunks, inert, labelled, LIMITS, mrkdwn, plain } from './text.js';

/** Sections of the body (up to ~116,000 characters); with the rest of the message this stays under 50 blocks. */
const BODY_PIECES = 40;
const TIMELINE_ENTRIES = 40;

/**
 * An inquiry's fields, full body and timeline, for the one person who asked (Details, `/inquiry show`).
 * `emailReplies`: outgoing e-mail is configured (`Boolean(config.SMTP_URL)`), as for every card.
 */
export function detailsBlocks(snapshot: InquirySnapshot, names: ReadonlyMap<string, StaffMember>, reading: Reading, emailReplies: boolean): { text: string; blocks: KnownBlock[] } {
  const { inquiry, owner, timeline } = snapshot;
  const card = buildInquiryCard(inquiry, owner, reading.language, reading.now, reading.zone, emailReplies);
  const body = inertPieces(inquiry.body, LIMITS.text - 100, BODY_PIECES).map((piece): KnownBlock => ({ type: 'section', text: mrkdwn(piece) }));
  // Deadline bookkeeping is for the scheduler, not for people reading the story.
  const lines = timeline.filter((entry) => entry.action !== 'deadlines_changed').slice(-TIMELINE_ENTRIES).map((entry) => {
    const at = DateTime.fromJSDate(entry.at, { zone: reading.zone }).toFormat('yyyy-MM-dd HH:mm');
    const actor = entry.actorId ? names.get(entry.actorId) : undefined;
    return `${at} · ${inert(timelineLabel(entry.action, reading.language))}${actor ? ` · ${inert(fullName(actor))}` : ''}`;
  });
  const timelineText = chunks(lines.join('\n'), LIMITS.text - 100, 4);
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(card.title, LIMITS.header) },
    { type: 'section', text: labelled(translate(reading.language, 'card.subject'), inquiry.subject, LIMITS.text) },
    { type: 'section', fields: card.fields.slice(0, 10).map((field) => labelled(field.label, field.value)) },
    ...body,
    { type: 'divider' },
    { type: 'section', text: mrkdwn(`*${inert(translate(reading.language, 'card.timeline'))}*`) },
    ...timelineText.map((text): KnownBlock => ({ type: 'context', elements: [mrkdwn(text)] })),
  ];
  return { text: card.title, blocks };
}

/** The staff named in a timeline, looked up once each. */
export async function timelineNames(snapshot: InquirySnapshot, lookup: (id: string) => Promise<StaffMember | null>): Promise<Map<string, StaffMember>> {
  const names = new Map<string, StaffMember>();
  for (const id of new Set(snapshot.timeline.flatMap((entry) => (entry.actorId ? [entry.actorId] : [])))) {
    const member = await lookup(id);
    if (member) names.set(id, member);
  }
  return names;
}

/** A timeline action in words; an action this version does not know yet still shows, as a generic entry. */
function timelineLabel(action: string, language: Language): string {
  const key = `slack.timeline.${action}`;
  return translate(language, (key in lt ? key : 'slack.timeline.other') as MessageKey);
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
