import { DateTime } from 'luxon';
import { readableSize, type AttachmentSummary } from '../../domain/attachment.js';
import type { Capabilities } from '../../domain/capabilities.js';
import type { OutgoingEmail } from '../../domain/client-message.js';
import { deadlineStates, type DeadlineState } from '../../domain/deadline-states.js';
import type { CallLogRecord } from '../../domain/events.js';
import type { AttachmentLinks } from '../../domain/attachment-link.js';
import type { LetterLinks } from '../../domain/letter-link.js';
import type { InquirySnapshot } from '../../domain/snapshots.js';
import { fullName, type StaffMember } from '../../domain/staff.js';
import { translate, type Language, type MessageKey } from './i18n/index.js';
import { lt } from './i18n/lt.js';
import { buildInquiryCard, type InquiryCard } from './inquiry-card.js';

export interface StoryReading {
  language: Language;
  now: Date;
  zone: string;
}

/** One line of the story; `internal` lines are staff notes that never reach the client (R35.no-internal). */
export interface StoryLine {
  text: string;
  internal: boolean;
}

/** The parts of the story, so a platform can pick one (a call reminder shows the calls). */
export type StorySectionId = 'calls' | 'meetings' | 'external_steps' | 'escalations' | 'messages';

export interface StorySection {
  id: StorySectionId;
  title: string;
  lines: StoryLine[];
}

export interface StoryDeadline {
  label: string;
  due: string;
  state: DeadlineState;
  stateLabel: string;
}

/** A button that acts on one part of the story (a meeting, an external step, a letter). */
export interface StoryAction {
  id: 'record_minutes' | 'send_summary' | 'record_decision' | 'open_letter' | 'open_attachment';
  label: string;
  /** The meeting, step or letter it acts on. */
  targetId: string;
  /** For `open_letter`: the printable page; for `open_attachment`: the file's signed download link. */
  url?: string;
}

/**
 * The whole story of an inquiry as every platform shows it (Details, `show`): the card, its deadlines with
 * their state, calls, meetings, external steps, escalations, what was sent to the client, and the timeline.
 * Texts are plain; each renderer escapes them for its own markup.
 */
export interface InquiryStory {
  card: InquiryCard;
  body: string;
  deadlines: StoryDeadline[];
  sections: StorySection[];
  timeline: StoryLine[];
  actions: StoryAction[];
}

export interface StorySources {
  snapshot: InquirySnapshot;
  /** E-mails to the client (empty where e-mail is not configured). */
  emails: OutgoingEmail[];
  /** Staff named anywhere in the story. */
  people: ReadonlyMap<string, StaffMember>;
  /**
   * Builds the printable letter's address from its id, signed for the one person the story is shown to
   * (R55.same-channel); null where the story is not one person's (a notice's recent lines), so no letter is linked.
   */
  letterUrl: ((letterId: string) => string) | null;
  /**
   * Issue #15: the files the client e-mailed (names and sizes, never content), each with a download link signed for
   * the one person the story is shown to; given only to those who may act on the inquiry. Absent: none listed.
   */
  attachments?: { files: readonly AttachmentSummary[]; url: (attachmentId: string) => string };
}

/** Actions that record a staff note rather than something the client saw. */
const INTERNAL_ACTIONS: ReadonlySet<string> = new Set(['call_logged', 'escalated', 'progress_recorded', 'meeting_held', 'external_decision_recorded']);

export function buildInquiryStory(sources: StorySources, reading: StoryReading, capabilities: Capabilities): InquiryStory {
  const { snapshot, emails, people, letterUrl, attachments } = sources;
  const { inquiry } = snapshot;
  const { language } = reading;
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params);
  const when = (at: Date) => DateTime.fromJSDate(at, { zone: reading.zone }).toFormat('yyyy-MM-dd HH:mm');
  const name = (id: string | null) => (id ? (people.get(id) ? fullName(people.get(id)!) : '?') : '—');
  const section = (id: StorySectionId, lines: StoryLine[]): StorySection[] => (lines.length > 0 ? [{ id, title: t(`story.${id}`), lines }] : []);

  const deadlines = deadlineStates(inquiry, snapshot.meetings, snapshot.externalSteps, reading.now).map((deadline) => ({
    label: deadline.subject ? `${t(`deadline.${deadline.kind}`)}: ${deadline.subject}` : t(`deadline.${deadline.kind}`),
    due: when(deadline.dueAt),
    state: deadline.state,
    stateLabel: t(`deadline_state.${deadline.state}`),
  }));

  const calls: StoryLine[] = snapshot.timeline
    .filter((entry) => entry.action === 'call_logged')
    .map((entry) => {
      const call = entry.details.call as CallLogRecord;
      const attempt = typeof entry.details.attempt === 'number' ? ` · ${t('story.attempt', { n: entry.details.attempt })}` : '';
      const summary = call.summary ? ` · ${call.summary}` : '';
      return { text: `${when(entry.at)} · ${t(`outcome.${call.outcome}`)}${attempt} · ${name(entry.actorId)}${summary}`, internal: true };
    });
  if (inquiry.nextCall) calls.push({ text: `${when(inquiry.nextCall.at)} · ${t('deadline.call')} · ${inquiry.nextCall.plan}`, internal: true });

  const meetings: StoryLine[] = snapshot.meetings.flatMap((meeting) => [
    {
      text: `${when(meeting.startsAt)} · ${t(`meeting_format.${meeting.format}`)} · ${t('form.meeting.chair')}: ${name(meeting.chairId)} · ${t('form.meeting.recorder')}: ${name(meeting.recorderId)} · ${t(`meeting_status.${meeting.status}`)}`,
      internal: false,
    },
    { text: `${t('form.meeting.agenda')}: ${meeting.agenda}`, internal: false },
    ...(meeting.participants.length > 0 ? [{ text: `${t('form.meeting.participants')}: ${meeting.participants.join(', ')}`, internal: false }] : []),
    ...(meeting.decisions ? [{ text: `${t('form.minutes.decisions')}: ${meeting.decisions}`, internal: true }] : []),
  ]);

  const steps: StoryLine[] = snapshot.externalSteps.flatMap((step) => [
    { text: `${step.institution} · ${step.what} · ${when(step.dueAt)} · ${t(`step_status.${step.status}`)}`, internal: false },
    ...(step.decision ? [{ text: `${t('form.decision.decision')}: ${step.decision}`, internal: true }] : []),
  ]);

  const escalations: StoryLine[] = snapshot.escalations.map((escalation) => ({
    text: `${when(escalation.raisedAt)} · ${t(escalation.type === 'conflict' ? 'form.escalation.conflict' : 'form.escalation.incident')} · ${name(escalation.raisedById)} → ${name(escalation.managerId)} · ${escalation.whatHappened}`,
    internal: true,
  }));

  const messages: StoryLine[] = [
    ...emails.map((email) => ({ at: email.sentAt ?? email.createdAt, text: `${t('story.email')} · ${email.subject} · ${email.status}` })),
    ...snapshot.letters.map((letter) => ({ at: letter.createdAt, text: `${t('story.letter')} · ${name(letter.authorId)}` })),
  ]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((message) => ({ text: `${when(message.at)} · ${message.text}`, internal: false }));

  const timeline = snapshot.timeline
    .filter((entry) => entry.action !== 'deadlines_changed')
    .map((entry) => ({
      text: `${when(entry.at)} · ${timelineLabel(entry.action, language)}${entry.actorId ? ` · ${name(entry.actorId)}` : ''}`,
      internal: INTERNAL_ACTIONS.has(entry.action),
    }));

  const actions: StoryAction[] = [
    ...snapshot.meetings.flatMap((meeting): StoryAction[] =>
      meeting.status === 'planned'
        ? [{ id: 'record_minutes', label: `${t('action.record_minutes')} (${when(meeting.startsAt)})`, targetId: meeting.id }]
        : meeting.status === 'held'
          ? [{ id: 'send_summary', label: `${t('action.send_summary')} (${when(meeting.startsAt)})`, targetId: meeting.id }]
          : [],
    ),
    ...snapshot.externalSteps
      .filter((step) => step.status === 'pending')
      .map((step): StoryAction => ({ id: 'record_decision', label: `${t('action.record_decision')}: ${step.institution}`, targetId: step.id })),
    ...(letterUrl
      ? snapshot.letters.map((letter): StoryAction => ({ id: 'open_letter', label: `${t('action.open_letter')} (${when(letter.createdAt)})`, targetId: letter.id, url: letterUrl(letter.id) }))
      : []),
    ...(attachments?.files ?? [])
      .filter((file) => file.stored)
      .map((file): StoryAction => ({ id: 'open_attachment', label: t('action.open_attachment', { name: shortName(file.filename), size: readableSize(file.sizeBytes, language) }), targetId: file.id, url: attachments!.url(file.id) })),
  ];

  return {
    card: buildInquiryCard(inquiry, snapshot.owner, language, reading.now, reading.zone, capabilities),
    body: inquiry.body,
    deadlines,
    sections: [
      ...section('calls', calls),
      ...section('meetings', meetings),
      ...section('external_steps', steps),
      ...section('escalations', escalations),
      ...section('messages', messages),
    ],
    timeline,
    actions,
  };
}

/** A file name short enough for a button, its extension kept. */
function shortName(filename: string, max = 48): string {
  if (filename.length <= max) return filename;
  const dot = filename.lastIndexOf('.');
  const extension = dot > 0 && filename.length - dot <= 8 ? filename.slice(dot) : '';
  return `${filename.slice(0, max - extension.length - 1)}…${extension}`;
}

/**
 * A client's e-mailed file's download address, signed for the staff member it is shown to (issue #15;
 * src/domain/attachment-link.ts).
 */
export function attachmentUrl(publicUrl: string, attachmentId: string, staffId: string, links: AttachmentLinks): string {
  return `${publicUrl.replace(/\/$/, '')}/attachments/${attachmentId}?${new URLSearchParams({ ...links.sign(attachmentId, staffId) }).toString()}`;
}

/** A timeline action in words; an action this version does not know yet still shows, as a generic entry. */
export function timelineLabel(action: string, language: Language): string {
  const key = `timeline.${action}`;
  return translate(language, (key in lt ? key : 'timeline.other') as MessageKey);
}

/** Everyone a story names, looked up once each. */
export async function storyPeople(snapshot: InquirySnapshot, lookup: (id: string) => Promise<StaffMember | null>): Promise<Map<string, StaffMember>> {
  const ids = new Set<string>();
  for (const entry of snapshot.timeline) if (entry.actorId) ids.add(entry.actorId);
  for (const meeting of snapshot.meetings) ids.add(meeting.chairId).add(meeting.recorderId);
  for (const escalation of snapshot.escalations) {
    ids.add(escalation.raisedById);
    if (escalation.managerId) ids.add(escalation.managerId);
  }
  for (const letter of snapshot.letters) ids.add(letter.authorId);
  const people = new Map<string, StaffMember>();
  for (const id of ids) {
    const member = await lookup(id);
    if (member) people.set(id, member);
  }
  return people;
}

/**
 * The printable letter's address as staff browsers reach the service, signed for the staff member it is sent to:
 * it opens for a while and for that person only (R55.same-channel; src/domain/letter-link.ts).
 */
export function letterUrl(publicUrl: string, letterId: string, staffId: string, links: LetterLinks): string {
  return `${publicUrl.replace(/\/$/, '')}/letters?${new URLSearchParams({ ...links.sign(letterId, staffId) }).toString()}`;
}
