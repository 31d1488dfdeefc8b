import type { App } from '@slack/bolt';
import { loadStory } from '../../../core/story-loader.js';
import { storyBlocks } from '../../render/details-blocks.js';
import type { SlackServices } from '../../services.js';
import { onButton } from '../interaction.js';

/** Details / Open: the inquiry's whole story, privately to the clicker. */
export function register(app: App, services: SlackServices): void {
  app.action('details', onButton(services, async (actor, inquiryId, body, client) => {
    const { text, blocks } = storyBlocks(await loadStory(services, inquiryId, actor.language), actor.language);
    if (body.channel) await client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text, blocks });
    else await client.chat.postMessage({ channel: body.user.id, text, blocks });
  }));
}
