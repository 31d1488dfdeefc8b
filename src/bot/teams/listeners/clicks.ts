import { z } from 'zod';
import type { Click, ClickOutcome, InquiryClickVerb, Shown } from '../../core/interactions/click.js';
import { runClick } from '../../core/interactions/run-click.js';
import type { Language } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import { openUrl, type AdaptiveCard } from '../render/elements.js';
import { ESCALATION_VERBS, INQUIRY_VERBS } from '../render/actions.js';
import { announcementCard } from '../render/inquiry.js';
import { outcomeCard } from '../render/outcome.js';
import type { ActionResult, Data, TeamsRouter } from '../router.js';
import { storyView } from '../render/story.js';

/** An inquiry button's data: which inquiry, and which card it sat on (the answer replaces it with the same kind). */
const inquiryData = z.object({ inquiryId: z.string().min(1), view: z.enum(['announcement', 'details', 'notice']).default('announcement') });
const informData = z.object({ inquiryId: z.string().min(1), noteId: z.string().min(1) });
const escalationData = z.object({ escalationId: z.string().min(1), report: z.boolean().optional() });

const verb = (name: InquiryClickVerb) => (data: Data): Click => {
  const { inquiryId, view } = inquiryData.parse(data);
  return { do: 'verb', verb: name, inquiryId, on: view };
};

/** The Action.Execute verbs the core carries out at once, and how each one's data decodes into the neutral click. */
const CLICKS: Record<string, (data: Data) => Click> = {
  [INQUIRY_VERBS.claim]: verb('claim'),
  [INQUIRY_VERBS.release]: verb('release'),
  [INQUIRY_VERBS.resolve]: verb('resolve'),
  [INQUIRY_VERBS.close]: verb('close'),
  [INQUIRY_VERBS.mark_replied]: verb('mark_replied'),
  [INQUIRY_VERBS.take_over]: verb('take_over'),
  [INQUIRY_VERBS.acknowledge_rating]: verb('acknowledge_rating'),
  [INQUIRY_VERBS.details]: (data) => ({ do: 'open', inquiryId: inquiryData.parse(data).inquiryId }),
  [INQUIRY_VERBS.inform_client]: (data) => ({ do: 'inform_client', ...informData.parse(data) }),
  [ESCALATION_VERBS.acknowledge]: (data) => ({ do: 'escalation', verb: 'acknowledge', escalationId: escalationData.parse(data).escalationId }),
  [ESCALATION_VERBS.take_over]: (data) => ({ do: 'escalation', verb: 'take_over', escalationId: escalationData.parse(data).escalationId }),
  [ESCALATION_VERBS.refer_to_head]: (data) => ({ do: 'escalation', verb: 'refer_to_head', escalationId: escalationData.parse(data).escalationId }),
  [ESCALATION_VERBS.decide]: (data) => {
    const { escalationId, report } = escalationData.parse(data);
    return { do: 'escalation', verb: report === true ? 'report' : 'do_not_report', escalationId };
  },
};

/** Claim, Release, Resolve, Close, Mark replied, Details, Inform the client and the escalation buttons: decoded, run by the core, answered. */
export function register(router: TeamsRouter, context: PlatformContext): void {
  for (const [name, decode] of Object.entries(CLICKS)) {
    router.onAction(name, async (turn, data) => answer(await runClick(decode(data), { actor: turn.actor, language: turn.language }, context), turn.language));
  }
}

/**
 * The invoke's answer is the card that replaces the clicked one for the clicker alone — the only private answer
 * Teams gives a click, so a private story takes the clicked card's place too.
 */
function answer(outcome: ClickOutcome, language: Language): ActionResult {
  return { card: cardOf('replaceClicked' in outcome ? outcome.replaceClicked : outcome.answerPrivately, language) };
}

function cardOf(shown: Shown, language: Language): AdaptiveCard {
  switch (shown.show) {
    case 'card':
      return announcementCard(shown.card);
    case 'story':
      return storyView(shown.story, language);
    case 'outcome':
      return outcomeCard(shown.title, shown.text, shown.link ? [openUrl(shown.link.label, shown.link.url)] : []);
  }
}
