import type { InquirySnapshot } from '../../domain/snapshots.js';
import { supervises, type StaffMember } from '../../domain/staff.js';
import { can, mayActOn, type Inquiry } from '../../domain/inquiry.js';
import { buildInquiryCard, withContacts, type InquiryCard } from './inquiry-card.js';
import type { PlatformContext } from '../platform.js';
import { translate, type Language } from './i18n/index.js';
import { attachmentUrl, buildInquiryStory, letterUrl, storyPeople, type InquiryStory } from './inquiry-story.js';

/** The address staff browsers reach the service at (printable letters). */
export function publicUrl(context: Pick<PlatformContext, 'siteUrl'>): string {
  return context.siteUrl();
}

/** The inquiry's card in the staff channel as it is now, in the channel's language: the same for everyone who sees it. */
export async function loadChannelCard(context: PlatformContext, inquiryId: string): Promise<InquiryCard> {
  const { inquiry, owner } = await context.queries.get(inquiryId);
  const { config, clock, capabilities } = context;
  return buildInquiryCard(inquiry, owner, config.DEFAULT_LANGUAGE, clock.now(), config.TIME_ZONE, capabilities);
}

/**
 * Loads everything the inquiry view shows, for one reader. R12.records: opening it is recorded before it is shown
 * (`opened`); a view already open that is redrawn after a click on it (`opened: false`) is not a new opening.
 * Issue #15 (least privilege): of an inquiry a colleague owns, others get what the staff channel's card shows —
 * which contacts exist, the state, the deadlines — and nothing more is read: no message, note, call or file of the
 * family. The owner, supervisors, and anyone while nobody owns it, read the whole story (`forViewer`).
 */
export async function loadStory(context: PlatformContext, reference: string, language: Language, viewer: StaffMember, opened = true): Promise<InquiryStory> {
  const snapshot = await context.queries.get(reference);
  const { inquiry } = snapshot;
  if (opened) await context.audit.recordRead(viewer.id, 'details_opened', { inquiryId: inquiry.id, registryNumber: inquiry.registryNumber, details: { contacts: mayActOn(inquiry, viewer) } });
  if (mayActOn(inquiry, viewer) || inquiry.ownerId === null) return forViewer(await storyOf(context, snapshot, language, viewer.id), inquiry, viewer, language);
  const { card, deadlines } = buildInquiryStory({ snapshot, emails: [], people: new Map(), letterUrl: null }, readingOf(context, language), context.capabilities);
  return { card: anyoneMay(card), body: translate(language, 'story.restricted'), deadlines, sections: [], timeline: [], actions: [] };
}

/**
 * R4.owner: the owner and supervisors (`mayActOn`) get the client's contacts as links, the whole story and every
 * action; while nobody owns the inquiry, anyone may read it to decide whether to claim it, and is offered only what
 * anyone may do (Claim), so no private view shows a button that would only be refused.
 */
function forViewer(story: InquiryStory, inquiry: Inquiry, viewer: StaffMember, language: Language): InquiryStory {
  if (mayActOn(inquiry, viewer)) return { ...story, card: assignable(withContacts(story.card, inquiry, language), inquiry, viewer, language) };
  return { ...story, card: anyoneMay(story.card), actions: [] };
}

/** The card with only what anyone may do on it: Claim while nobody owns it, and Open. */
function anyoneMay(card: InquiryCard): InquiryCard {
  return { ...card, actions: card.actions.filter((action) => action.id === 'claim' || action.id === 'details') };
}

function readingOf(context: Pick<PlatformContext, 'clock' | 'config'>, language: Language) {
  return { language, now: context.clock.now(), zone: context.config.TIME_ZONE };
}

/**
 * R4.owner: the channel's card offers only Claim while nobody owns the inquiry; in a manager's own view it can also
 * be handed to a named colleague, as from the manager on duty's DM.
 */
function assignable(card: InquiryCard, inquiry: Inquiry, viewer: StaffMember, language: Language): InquiryCard {
  if (inquiry.ownerId !== null || !supervises(viewer) || !can(inquiry, 'hand_over') || card.actions.some((action) => action.id === 'hand_over')) return card;
  return { ...card, actions: [...card.actions, { id: 'hand_over', label: translate(language, 'action.hand_over') }] };
}

/**
 * The story of an inquiry already loaded: adds what was sent to the client and who is named. Its letters are
 * linked for `viewerId`, the one person it is shown to (R55.same-channel); a story for no one person links none.
 */
export async function storyOf(context: PlatformContext, snapshot: InquirySnapshot, language: Language, viewerId: string | null): Promise<InquiryStory> {
  const emails = await context.messaging.emailsOf(snapshot.inquiry.id);
  const people = await storyPeople(snapshot, (id) => context.queries.staffMember(id));
  const base = publicUrl(context);
  // Issue #15: the client's files are listed (names, sizes) only in one person's view, and only if they may act on it.
  const files = viewerId === null ? [] : await context.attachments.listFor(snapshot.inquiry.id, viewerId);
  const attachments = viewerId === null ? undefined : { files, url: (id: string) => attachmentUrl(base, id, viewerId, context.attachmentLinks) };
  return buildInquiryStory(
    { snapshot, emails, people, letterUrl: viewerId === null ? null : (id) => letterUrl(base, id, viewerId, context.letterLinks), attachments },
    readingOf(context, language),
    context.capabilities,
  );
}
