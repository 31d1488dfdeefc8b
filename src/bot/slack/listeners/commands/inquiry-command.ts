import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { KnownBlock } from '../../render/block-types.js';
import { fallback } from '../../render/text.js';
import type { SlackServices } from '../../services.js';
import { asStaff } from '../interaction.js';
import type { CommandContext } from './command-context.js';
import { help } from './help.js';
import { find, mine } from './lists.js';
import { call, register as registerNew, show } from './show.js';
import { staff } from './staff.js';
import { letter, meeting, progress, schedule, step } from './workflows.js';

const commandSchema = z.object({
  command: z.string(),
  text: z.string().default(''),
  user_id: z.string(),
  trigger_id: z.string(),
});

const SUBCOMMANDS: Record<string, (context: CommandContext) => Promise<void>> = {
  new: registerNew, mine, show, find, call, help, staff, schedule, meeting, step, progress, letter,
};

/** `/inquiry …`: acked at once, then one subcommand; answers are ephemeral through the command's response URL. */
export function register(app: App, services: SlackServices): void {
  app.command('/inquiry', async ({ ack, body, client, respond }) => {
    await ack();
    const command = commandSchema.parse(body);
    const [name = '', ...rest] = command.text.trim().split(/\s+/);
    const reply = async (text: string, blocks?: KnownBlock[]) => {
      await respond({ response_type: 'ephemeral', text: fallback(text), ...(blocks ? { blocks } : {}) });
    };
    await services.work.run(() => asStaff(services, command.user_id, reply, (actor) => {
      const run = SUBCOMMANDS[name.toLowerCase()] ?? help;
      return run({ services, client, actor, args: rest.join(' ').trim(), triggerId: command.trigger_id, command: command.command, reply });
    }));
  });
}
