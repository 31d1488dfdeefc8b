import { loadStory } from '../../../core/story-loader.js';
import { storyBlocks } from '../../render/details-blocks.js';
import { callLogModal, newInquiryModal } from '../../render/modals.js';
import type { CommandContext } from './command-context.js';

/** `/inquiry show <number>`: the inquiry's whole story. */
export async function show(context: CommandContext): Promise<void> {
  const { text, blocks } = storyBlocks(await loadStory(context.services, context.args, context.actor.language), context.actor.language);
  await context.reply(text, blocks);
}

/** `/inquiry call <number>`: the post-call summary form (R44.call-notes). */
export async function call(context: CommandContext): Promise<void> {
  const { inquiry } = await context.services.queries.get(context.args);
  await context.client.views.open({ trigger_id: context.triggerId, view: callLogModal(inquiry, context.actor.language) });
}

/** `/inquiry new`: register a phone, in-person or letter inquiry (R7.channels). */
export async function register(context: CommandContext): Promise<void> {
  await context.client.views.open({ trigger_id: context.triggerId, view: newInquiryModal(context.actor.language) });
}
