import { detailsBlocks, timelineNames } from '../../render/details-blocks.js';
import { callLogModal, newInquiryModal } from '../../render/modals.js';
import { readingOf, type CommandContext } from './command-context.js';

/** `/inquiry show <number>`: fields, message and timeline. */
export async function show(context: CommandContext): Promise<void> {
  const snapshot = await context.services.queries.get(context.args);
  const names = await timelineNames(snapshot, (id) => context.services.queries.staffMember(id));
  const { text, blocks } = detailsBlocks(snapshot, names, readingOf(context), Boolean(context.services.config.SMTP_URL));
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
