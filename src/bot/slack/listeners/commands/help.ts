import { translate } from '../../../core/i18n/index.js';
import { inert, mrkdwn, plain } from '../../render/text.js';
import type { CommandContext } from './command-context.js';

/** `/inquiry help`, and the answer to anything it does not understand. */
export async function help(context: CommandContext): Promise<void> {
  const title = translate(context.actor.language, 'help.title');
  const body = translate(context.actor.language, 'help.body', { cmd: inert(context.command) });
  await context.reply(title, [{ type: 'header', text: plain(title, 150) }, { type: 'section', text: mrkdwn(body) }]);
}
