import { translate } from '../../../core/i18n/index.js';
import { byDeadline, listBlocks } from '../../render/list-blocks.js';
import { LIST_ITEMS, readingOf, type CommandContext } from './command-context.js';

/** `/inquiry mine`: my open inquiries, most pressing first. */
export async function mine(context: CommandContext): Promise<void> {
  const items = byDeadline(await context.services.queries.list({ ownerId: context.actor.id, openOnly: true, limit: 100 }));
  const title = translate(context.actor.language, 'list.mine');
  await context.reply(title, listBlocks(title, items, readingOf(context), LIST_ITEMS, context.services.capabilities));
}

/** `/inquiry find <text>`: registry number, subject, message or client name. */
export async function find(context: CommandContext): Promise<void> {
  if (context.args === '') return context.reply(translate(context.actor.language, 'form.required'));
  const items = await context.services.queries.list({ text: context.args, limit: LIST_ITEMS });
  const title = translate(context.actor.language, 'list.found');
  await context.reply(title, listBlocks(title, items, readingOf(context), LIST_ITEMS, context.services.capabilities));
}
