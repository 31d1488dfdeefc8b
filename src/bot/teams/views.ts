import type { InquirySnapshot } from '../../domain/inquiry.queries.js';
import type { Language } from '../core/i18n/index.js';
import { buildInquiryCard } from '../core/inquiry-card.js';
import type { InquiryStory } from '../core/inquiry-story.js';
import { loadStory } from '../core/story-loader.js';
import type { PlatformContext } from '../platform.js';
import type { AdaptiveCard } from './cards/elements.js';
import { announcementCard } from './cards/inquiry-cards.js';
import { storyCard } from './cards/story-card.js';

/** Reads an inquiry and renders it as the Teams cards: the channel's announcement, a person's details view. */
export class InquiryViews {
  constructor(private readonly context: PlatformContext) {}

  get channelLanguage(): Language {
    return this.context.config.DEFAULT_LANGUAGE;
  }

  snapshot(reference: string): Promise<InquirySnapshot> {
    return this.context.queries.get(reference);
  }

  async announcement(reference: string | InquirySnapshot): Promise<AdaptiveCard> {
    const snapshot = typeof reference === 'string' ? await this.snapshot(reference) : reference;
    const { clock, config, capabilities } = this.context;
    return announcementCard(buildInquiryCard(snapshot.inquiry, snapshot.owner, this.channelLanguage, clock.now(), config.TIME_ZONE, capabilities));
  }

  /** The inquiry's whole story (R12.records) in the reader's language. */
  async details(reference: string, language: Language): Promise<AdaptiveCard> {
    return storyView(await loadStory(this.context, reference, language), language);
  }
}

/** A story already loaded (the `show` command's), as the details card. */
export function storyView(story: InquiryStory, language: Language): AdaptiveCard {
  return storyCard(story, fitBody(story.body), language);
}

/** Teams refuses messages over about 28 KB; a very long letter is cut (the e-mail itself stays whole). */
const MAX_BODY_CHARACTERS = 12_000;

function fitBody(body: string): string {
  return body.length <= MAX_BODY_CHARACTERS ? body : `${body.slice(0, MAX_BODY_CHARACTERS - 1)}…`;
}
