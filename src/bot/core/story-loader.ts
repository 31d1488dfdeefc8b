import type { InquirySnapshot } from '../../domain/snapshots.js';
import type { StaffMember } from '../../domain/staff.js';
import { buildInquiryCard, mayContactClient, withContacts, type InquiryCard } from './inquiry-card.js';
import type { PlatformContext } from '../platform.js';
import type { Language } from './i18n/index.js';
import { buildInquiryStory, letterUrl, storyPeople, type InquiryStory } from './inquiry-story.js';

/** The address staff browsers reach the service at (printable letters). */
export function publicUrl(context: Pick<PlatformContext, 'config'>): string {
  return context.config.PUBLIC_URL ?? `http://localhost:${context.config.PORT}`;
}

/** The inquiry's card in the staff channel as it is now, in the channel's language: the same for everyone who sees it. */
export async function loadChannelCard(context: PlatformContext, inquiryId: string): Promise<InquiryCard> {
  const { inquiry, owner } = await context.queries.get(inquiryId);
  const { config, clock, capabilities } = context;
  return buildInquiryCard(inquiry, owner, config.DEFAULT_LANGUAGE, clock.now(), config.TIME_ZONE, capabilities);
}

/** Loads everything the inquiry view shows, for one reader; the client's contacts only for those who may call them. */
export async function loadStory(context: PlatformContext, reference: string, language: Language, viewer: StaffMember): Promise<InquiryStory> {
  const snapshot = await context.queries.get(reference);
  const story = await storyOf(context, snapshot, language);
  return mayContactClient(viewer, snapshot.inquiry) ? { ...story, card: withContacts(story.card, snapshot.inquiry, language) } : story;
}

/** The story of an inquiry already loaded: adds what was sent to the client and who is named. */
export async function storyOf(context: PlatformContext, snapshot: InquirySnapshot, language: Language): Promise<InquiryStory> {
  const emails = await context.messaging.emailsOf(snapshot.inquiry.id);
  const people = await storyPeople(snapshot, (id) => context.queries.staffMember(id));
  const base = publicUrl(context);
  return buildInquiryStory(
    { snapshot, emails, people, letterUrl: (id) => letterUrl(base, id) },
    { language, now: context.clock.now(), zone: context.config.TIME_ZONE },
    context.capabilities,
  );
}
