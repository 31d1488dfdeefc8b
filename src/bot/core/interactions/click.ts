import type { InquiryCard } from '../inquiry-card.js';
import type { InquiryStory } from '../inquiry-story.js';
import type { EscalationVerb } from '../notices/notice.js';

/** The inquiry buttons that run one use case at once (the card's, a reminder's, the details view's). */
export type InquiryClickVerb = 'claim' | 'release' | 'resolve' | 'close' | 'mark_replied' | 'take_over' | 'acknowledge_rating';

/**
 * Where the clicked button was: the inquiry's card in the staff channel (the same for everyone), the details
 * view (only the clicker's), or a notice in a person's direct chat (only theirs).
 */
export type ClickedView = 'announcement' | 'details' | 'notice';

/**
 * One click, platform-neutral: what each platform's wire payload (Slack action id and value, Teams verb and
 * data) decodes into. The shapes are those of `NoticeAction`, so a notice's button comes back as itself.
 */
export type Click =
  | { readonly do: 'verb'; readonly verb: InquiryClickVerb; readonly inquiryId: string; readonly on: ClickedView }
  | { readonly do: 'open'; readonly inquiryId: string }
  | { readonly do: 'inform_client'; readonly inquiryId: string; readonly noteId: string }
  | { readonly do: 'escalation'; readonly verb: EscalationVerb; readonly escalationId: string };

/** What the clicker is shown, already in words (their language; the channel's for the shared card). */
export type Shown =
  /** The inquiry's card as it is now, in the channel's language. */
  | { readonly show: 'card'; readonly card: InquiryCard }
  /** The inquiry's whole story (R12.records), in the clicker's language. */
  | { readonly show: 'story'; readonly story: InquiryStory }
  /** What was done: a title naming the inquiry, the outcome, and what it offers next (the printable letter). */
  | { readonly show: 'outcome'; readonly title: string; readonly text: string; readonly link?: { readonly label: string; readonly url: string } };

/**
 * The one visible answer to a click; nobody else is told here (what others see comes from the domain's events
 * through the notices). `replaceClicked`: the clicked message shows this for the clicker, its buttons gone so
 * nobody decides twice; `answerPrivately`: told to the clicker alone, the clicked message left as it was.
 */
export type ClickOutcome = { readonly replaceClicked: Shown } | { readonly answerPrivately: PrivateShown };

/** The channel's card is everyone's: never an answer to one person. */
export type PrivateShown = Exclude<Shown, { show: 'card' }>;
