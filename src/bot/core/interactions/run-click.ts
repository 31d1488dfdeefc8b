import type { Inquiry } from '../../../domain/inquiry.js';
import { fullName, type StaffMember } from '../../../domain/staff.js';
import type { PlatformContext } from '../../platform.js';
import { translate, type Language, type MessageKey } from '../i18n/index.js';
import { letterUrl } from '../inquiry-story.js';
import type { EscalationVerb } from '../notices/notice.js';
import { loadChannelCard, loadStory, publicUrl } from '../story-loader.js';
import type { Click, ClickOutcome, ClickedView, InquiryClickVerb, Shown } from './click.js';

/** Who clicked, and the language the platform answers them in. */
export interface Clicker {
  actor: StaffMember;
  language: Language;
}

/** One use case per click, and the words for what it did. */
interface UseCase<R> {
  run(context: PlatformContext, id: string, staffId: string): Promise<R>;
  done: MessageKey;
}

/**
 * The inquiry's own buttons. R4.owner: a claim by the current owner (a double click, a platform's retry) changes
 * nothing in the domain and is answered exactly like the first one, on every platform.
 */
const INQUIRY_CLICKS: Record<InquiryClickVerb, UseCase<Inquiry>> = {
  claim: { run: (context, id, staffId) => context.inquiries.claim(id, staffId), done: 'reply.claimed' },
  release: { run: (context, id, staffId) => context.inquiries.release(id, staffId), done: 'reply.released' },
  // R55.same-channel: resolving and closing refuse a complaint not answered the way it came, naming the channel owed.
  resolve: { run: (context, id, staffId) => context.inquiries.resolve(id, staffId), done: 'reply.resolved' },
  close: { run: (context, id, staffId) => context.inquiries.close(id, staffId), done: 'reply.closed' },
  // R14.reply-1wd: the first reply stops the reply reminders.
  mark_replied: { run: (context, id, staffId) => context.inquiries.recordFirstReply(id, staffId), done: 'reply.marked_replied' },
  // R4.owner: a manager told of a stalled inquiry makes it theirs — an audited handover to themselves; again, no change.
  take_over: { run: (context, id, staffId) => context.inquiries.handOver(id, staffId, staffId), done: 'reply.taken_over' },
  // R60.external: the owner's direct manager acknowledges a client's low rating; again, no change.
  acknowledge_rating: { run: (context, id, staffId) => context.ratings.acknowledge(id, staffId), done: 'reply.rating_acknowledged' },
};

/**
 * R54.escalate-unresolved / R58.incident: the manager's and the head's buttons. The words are the ones the notices
 * put in place of the buttons when the keyed DM is updated (D19), naming the clicker as the manager.
 */
const ESCALATION_CLICKS: Record<EscalationVerb, UseCase<unknown>> = {
  acknowledge: { run: (context, id, staffId) => context.escalations.acknowledge(id, staffId), done: 'notice.escalation.acknowledged' },
  take_over: { run: (context, id, staffId) => context.escalations.takeOver(id, staffId), done: 'notice.escalation.taken_over' },
  refer_to_head: { run: (context, id, staffId) => context.escalations.referToHead(id, staffId), done: 'notice.escalation.referred_done' },
  report: {
    run: (context, id, staffId) => context.escalations.recordHeadDecision(id, staffId, { reportToAuthorities: true }),
    done: 'notice.escalation.decided.report',
  },
  do_not_report: {
    run: (context, id, staffId) => context.escalations.recordHeadDecision(id, staffId, { reportToAuthorities: false }),
    done: 'notice.escalation.decided.no_report',
  },
};

/**
 * Carries out one click for every platform and says what the clicker is shown. Refusals are thrown as coded
 * domain errors, which each platform already words privately (`describeError`); nothing else is told here —
 * the card in the channel and everyone else's messages follow from the domain's events.
 */
export async function runClick(click: Click, { actor, language }: Clicker, context: PlatformContext): Promise<ClickOutcome> {
  switch (click.do) {
    case 'verb': {
      const useCase = INQUIRY_CLICKS[click.verb];
      const inquiry = await useCase.run(context, click.inquiryId, actor.id);
      return { replaceClicked: await refreshed(click.on, inquiry, translate(language, useCase.done, { number: inquiry.registryNumber }), { actor, language }, context) };
    }
    case 'open':
      return { answerPrivately: { show: 'story', story: await loadStory(context, click.inquiryId, language, actor) } };
    case 'inform_client': {
      // R19.status: one click tells the client in their channel; a second one changes nothing and says so.
      const result = await context.clientChannel.informClient(click.inquiryId, actor.id, click.noteId);
      const { inquiry } = await context.queries.get(click.inquiryId);
      const text = translate(language, result.repeated ? 'reply.already_informed' : `reply.informed.${result.via}`, { number: inquiry.registryNumber });
      const link = result.letterId ? { label: translate(language, 'action.open_letter'), url: letterUrl(publicUrl(context), result.letterId, actor.id, context.letterLinks) } : undefined;
      return { replaceClicked: { ...outcome(inquiry, text, language), ...(link ? { link } : {}) } };
    }
    case 'escalation': {
      const useCase = ESCALATION_CLICKS[click.verb];
      await useCase.run(context, click.escalationId, actor.id);
      const { inquiry } = await context.queries.escalation(click.escalationId);
      const text = translate(language, useCase.done, { manager: fullName(actor), number: inquiry.registryNumber });
      return { replaceClicked: outcome(inquiry, text, language) };
    }
  }
}

/**
 * The clicked message after an inquiry verb shows the same kind of thing, now current: the channel's card (for
 * everyone else the notices update it), the clicker's details view, or — on a notice — what was done.
 */
async function refreshed(on: ClickedView, inquiry: Inquiry, done: string, { actor, language }: Clicker, context: PlatformContext): Promise<Shown> {
  if (on === 'details') return { show: 'story', story: await loadStory(context, inquiry.id, language, actor, false) };
  if (on === 'notice') return outcome(inquiry, done, language);
  return { show: 'card', card: await loadChannelCard(context, inquiry.id) };
}

/** What was done, under the inquiry's kind and number. */
function outcome(inquiry: Inquiry, text: string, language: Language): Shown & { show: 'outcome' } {
  return { show: 'outcome', title: `${translate(language, `kind.${inquiry.kind}`)} ${inquiry.registryNumber}`, text };
}
