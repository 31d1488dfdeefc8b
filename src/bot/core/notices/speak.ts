import { fullName, type StaffMember } from '../../../domain/staff.js';
import { contactHref } from '../contact-links.js';
import { formatWhen } from '../format-time.js';
import { translate, type Language, type MessageKey } from '../i18n/index.js';
import type { InquiryCard } from '../inquiry-card.js';
import type { InquiryStory, StoryLine } from '../inquiry-story.js';
import type { Notice, NoticeAction, NoticeId, NoticeKind, NoticeTone, Text, TextParam } from './notice.js';

/** Who reads a notice: its words, dates and names are put for them. */
export interface Reader {
  readonly language: Language;
  readonly now: Date;
  readonly zone: string;
}

/** A notice in one reader's words: all a platform renderer gets (plain strings; each renderer escapes them). */
export interface RenderedNotice {
  readonly id: NoticeId;
  readonly kind: NoticeKind;
  readonly tone: NoticeTone;
  readonly headline: string;
  /** `href`: a `tel:` or `mailto:` address for the value, ready to link. */
  readonly facts: ReadonlyArray<{ readonly label: string; readonly value: string; readonly internal: boolean; readonly href: string | null }>;
  readonly notes: readonly string[];
  /** The recent past a call reminder brings (R29.agreed-time): the last calls, then the latest entries. */
  readonly recent: { readonly calls: readonly StoryLine[]; readonly timeline: readonly StoryLine[] } | null;
  /** For `inquiry_card`: the announcement, decided by the core's card model. */
  readonly card: InquiryCard | null;
  /** What was done, shown instead of the buttons when a keyed message is updated. */
  readonly outcome: string | null;
  readonly actions: ReadonlyArray<{ readonly action: NoticeAction; readonly caption: string }>;
}

/** What a notice's words may need beyond the reader: names of the people it names, the inquiry's story or card. */
export interface SpeakSources {
  readonly people: ReadonlyMap<string, StaffMember>;
  readonly story?: InquiryStory;
  readonly card?: InquiryCard;
}

/** The catalogue word on each button; a form's label can depend on how it opens (R31.callback, R24 joint meeting). */
function actionLabel(action: NoticeAction): MessageKey {
  switch (action.do) {
    case 'open':
      return 'action.open';
    case 'verb':
      return `action.${action.verb}`;
    case 'escalation':
      return `action.${action.verb}`;
    case 'inform_client':
      return 'action.inform_client';
    case 'link':
      return action.label;
    case 'form':
      if (action.form === 'reply_email' && action.prefill?.draft) return 'action.email_client';
      if (action.form === 'plan_meeting' && action.prefill?.joint) return 'action.plan_joint_meeting';
      return `action.${action.form}`;
  }
}

function word(param: TextParam, reader: Reader, people: ReadonlyMap<string, StaffMember>): string {
  if (typeof param === 'string' || typeof param === 'number') return String(param);
  if ('at' in param) return formatWhen(new Date(param.at), reader.language, reader.now, reader.zone);
  if ('key' in param) return translate(reader.language, param.key);
  const person = people.get(param.person);
  return person ? fullName(person) : '—';
}

/** A catalogue text with its parameters in the reader's words. */
export function sayTo(text: Text, reader: Reader, people: ReadonlyMap<string, StaffMember>): string {
  const params: Record<string, string> = {};
  for (const [name, param] of Object.entries(text.params ?? {})) params[name] = word(param, reader, people);
  return translate(reader.language, text.key, params);
}

/** Puts one notice into one reader's words: texts, dates, names, the story excerpt. Pure. */
export function speak(notice: Notice, reader: Reader, sources: SpeakSources): RenderedNotice {
  const { people } = sources;
  const calls = sources.story?.sections.find((section) => section.id === 'calls')?.lines ?? [];
  return {
    id: notice.id,
    kind: notice.kind,
    tone: notice.tone,
    headline: sayTo(notice.text, reader, people),
    facts: notice.facts.map((fact) => {
      const value = word(fact.value, reader, people);
      return { label: word(fact.label, reader, people), value, internal: fact.internal ?? false, href: fact.link ? contactHref(fact.link, value) : null };
    }),
    notes: (notice.notes ?? []).map((note) => sayTo(note, reader, people)),
    recent: notice.lines && sources.story ? { calls: calls.slice(-notice.lines.calls), timeline: sources.story.timeline.slice(-notice.lines.timeline) } : null,
    card: notice.kind === 'inquiry_card' ? (sources.card ?? null) : null,
    outcome: notice.outcome ? sayTo(notice.outcome, reader, people) : null,
    actions: notice.actions.map((action) => ({ action, caption: translate(reader.language, actionLabel(action)) })),
  };
}
