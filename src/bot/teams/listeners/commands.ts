import { translate, type MessageKey } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import { dialogLauncherCard, helpCard, listCard } from '../cards/list-cards.js';
import { cardActivity } from '../surface.js';
import type { TeamsRouter, Turn } from '../router.js';
import type { InquiryViews } from '../views.js';
import { staffCommand } from './staff-command.js';

const LIST_LIMIT = 10;

/** `<word> <number>` opens a dialog about that inquiry; a message cannot open one, so a card with the button does. */
const DIALOG_COMMANDS = new Map<string, { dialog: string; action: MessageKey; prompt: MessageKey }>([
  ['call', { dialog: 'log_call', action: 'action.log_call', prompt: 'teams.call.prompt' }],
  ['schedule', { dialog: 'schedule_call', action: 'action.schedule_call', prompt: 'teams.launch.prompt' }],
  ['meeting', { dialog: 'plan_meeting', action: 'action.plan_meeting', prompt: 'teams.launch.prompt' }],
  ['step', { dialog: 'external_step', action: 'action.external_step', prompt: 'teams.launch.prompt' }],
  ['progress', { dialog: 'record_progress', action: 'action.record_progress', prompt: 'teams.launch.prompt' }],
  ['letter', { dialog: 'write_letter', action: 'action.write_letter', prompt: 'teams.launch.prompt' }],
]);

/** Commands by @mention in a channel or plainly in the 1:1 chat; anything else gets the help. */
export function register(router: TeamsRouter, context: PlatformContext, views: InquiryViews): void {
  router.onMessage(async (turn, text) => {
    const [word = '', ...rest] = text.split(' ');
    const argument = rest.join(' ').trim();
    const reply = (card: Parameters<typeof cardActivity>[0]) => turn.context.sendActivity(cardActivity(card));
    const now = context.clock.now();
    const zone = context.config.TIME_ZONE;
    const launch = DIALOG_COMMANDS.get(word.toLowerCase());
    if (launch && argument) {
      const { inquiry } = await context.queries.get(argument);
      const title = translate(turn.language, launch.action);
      const prompt = translate(turn.language, launch.prompt, { number: inquiry.registryNumber, action: title });
      await reply(dialogLauncherCard(prompt, title, launch.dialog, { inquiryId: inquiry.id }));
      return;
    }
    switch (word.toLowerCase()) {
      case 'new':
        await reply(dialogLauncherCard(translate(turn.language, 'teams.new.prompt'), translate(turn.language, 'form.new.title'), 'new', {}));
        return;
      case 'mine': {
        const items = await context.queries.list({ ownerId: turn.actor.id, openOnly: true, limit: LIST_LIMIT });
        await reply(listCard(translate(turn.language, 'list.mine'), items, turn.language, now, zone));
        return;
      }
      case 'show':
        if (!argument) break;
        await reply(await views.details(argument, turn.language));
        return;
      case 'find': {
        if (!argument) break;
        const items = await context.queries.list({ text: argument, limit: LIST_LIMIT });
        await reply(listCard(translate(turn.language, 'list.found'), items, turn.language, now, zone));
        return;
      }
      case 'staff':
        if (await staffCommand(turn, argument, context.staff)) return;
        break;
    }
    await sendHelp(turn);
  });
}

async function sendHelp(turn: Turn): Promise<void> {
  await turn.context.sendActivity(cardActivity(helpCard(turn.language)));
}
