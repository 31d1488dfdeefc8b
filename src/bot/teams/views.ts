import type { Language } from '../core/i18n/index.js';
import type { InquiryStory } from '../core/inquiry-story.js';
import type { AdaptiveCard } from './cards/elements.js';
import { storyCard } from './cards/story-card.js';

/** The inquiry's whole story (R12.records) as the details card: a click's answer, the `show` command's. */
export function storyView(story: InquiryStory, language: Language): AdaptiveCard {
  return storyCard(story, fitBody(story.body), language);
}

/** Teams refuses messages over about 28 KB; a very long letter is cut (the e-mail itself stays whole). */
const MAX_BODY_CHARACTERS = 12_000;

function fitBody(body: string): string {
  return body.length <= MAX_BODY_CHARACTERS ? body : `${body.slice(0, MAX_BODY_CHARACTERS - 1)}…`;
}
