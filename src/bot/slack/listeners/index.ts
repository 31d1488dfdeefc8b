import type { App } from '@slack/bolt';
import type { SlackServices } from '../services.js';
import * as clicks from './actions/clicks.js';
import * as inquiryMore from './actions/inquiry-more.js';
import * as openLetter from './actions/open-letter.js';
import * as inquiryCommand from './commands/inquiry-command.js';
import * as appHomeOpened from './events/app-home-opened.js';
import * as forms from './forms.js';
import * as memberJoinedChannel from './events/member-joined-channel.js';

const LISTENERS = [
  // Buttons the core carries out at once (claim, close, open, inform the client, escalations)
  clicks,
  // The card's menu, the letter link
  inquiryMore, openLetter,
  // Commands and events
  inquiryCommand, appHomeOpened, memberJoinedChannel,
  // Forms: their submissions and the buttons that open them
  forms,
];

/** Wires every listener, after the two app-wide concerns: Slack's retries and the last-resort error handler. */
export function register(app: App, services: SlackServices): void {
  // Slack retries a request it thinks went unanswered (x-slack-retry-num). We ack before working, so the first
  // delivery is being handled: a retry is acked and dropped rather than applied twice.
  app.use(async ({ context, next, ...args }) => {
    if ((context.retryNum ?? 0) > 0) {
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
      return;
    }
    await next();
  });
  app.error(async (error) => {
    services.logger.error({ err: error }, 'slack listener failed');
  });
  for (const listener of LISTENERS) listener.register(app, services);
}
