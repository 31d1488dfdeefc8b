import { translate } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import { dialogLauncherCard, helpCard, listCard } from '../cards/list-cards.js';
import { cardActivity } from '../messenger.js';
import type { TeamsRouter, Turn } from '../router.js';
import type { InquiryViews } from '../views.js';
import { staffCommand } from './staff-command.js';

const LIST_LIMIT = 10;

/** Commands by @mention in a channel or plainly in the 1:1 chat; anything else gets the help. */
export function register(router: TeamsRouter, context: PlatformContext, views: InquiryViews): void {
  router.onMessage(async (turn, text) => {
    const [word = '', ...rest] = text.split(' ');
    const argument = rest.join(' ').trim();
    const reply = (card: Parameters<typeof cardActivity>[0]) => turn.context.sendActivity(cardActivity(card));
    const now = context.clock.now();
    const zone = context.config.TIME_ZONE;
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
      case 'call': {
        if (!argument) break;
        const { inquiry } = await context.queries.get(argument);
        const prompt = translate(turn.language, 'teams.call.prompt', { number: inquiry.registryNumber });
        await reply(dialogLauncherCard(prompt, translate(turn.language, 'action.log_call'), 'log_call', { inquiryId: inquiry.id }));
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
