import type { App } from '@slack/bolt';
import { letterUrl } from '../../../core/inquiry-story.js';
import { publicUrl } from '../../../core/story-loader.js';
import { translate } from '../../../core/i18n/index.js';
import { splitPair } from '../../render/action-values.js';
import { letterLinkBlocks } from '../../render/letter-blocks.js';
import type { SlackServices } from '../../services.js';
import { onButton, replaceButtons } from '../interaction.js';

/**
 * R19.status: one click tells the client through their channel; the offer in the DM becomes what was done
 * (a letter to print comes with its link), and a second click only says it was done already.
 */
export function register(app: App, services: SlackServices): void {
  app.action('inform_client', onButton(services, async (actor, value, body, client) => {
    const [inquiryId, noteId] = splitPair(value);
    const result = await services.clientChannel.informClient(inquiryId, actor.id, noteId);
    const { inquiry } = await services.queries.get(inquiryId);
    const number = inquiry.registryNumber;
    const outcome = result.repeated ? translate(actor.language, 'reply.already_informed', { number }) : translate(actor.language, `reply.informed.${result.via}`, { number });
    const link = result.letterId ? letterLinkBlocks(letterUrl(publicUrl(services), result.letterId), actor.language) : [];
    await replaceButtons(client, body, outcome, link);
  }));
}
