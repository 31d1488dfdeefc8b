import { z } from 'zod';
import { translate } from '../../core/i18n/index.js';
import { letterUrl } from '../../core/inquiry-story.js';
import { publicUrl } from '../../core/story-loader.js';
import type { PlatformContext } from '../../platform.js';
import { INQUIRY_VERBS } from '../cards/inquiry-cards.js';
import { outcomeCard } from '../cards/notice-cards.js';
import { letterCard } from '../cards/workflow-cards.js';
import type { TeamsRouter } from '../router.js';

const informData = z.object({ inquiryId: z.string().min(1), noteId: z.string().min(1) });

/**
 * R19.status: one click passes the recorded result to the client in their channel; the offer gives way to
 * what was done (a letter: the link to print it). A second click changes nothing and says so.
 */
export function register(router: TeamsRouter, context: PlatformContext): void {
  router.onAction(INQUIRY_VERBS.inform_client, async (turn, raw) => {
    const { inquiryId, noteId } = informData.parse(raw);
    const result = await context.clientChannel.informClient(inquiryId, turn.actor.id, noteId);
    const { inquiry } = await context.queries.get(inquiryId);
    const number = inquiry.registryNumber;
    const text = translate(turn.language, result.repeated ? 'reply.already_informed' : `reply.informed.${result.via}`, { number });
    if (result.letterId) return { card: letterCard(text, letterUrl(publicUrl(context), result.letterId), turn.language) };
    return { card: outcomeCard(`${translate(turn.language, `kind.${inquiry.kind}`)} ${number}`, text) };
  });
}
