import type { App } from '@slack/bolt';
import type { SlackServices } from '../services.js';
import * as appHome from './app-home.js';
import * as clicks from './clicks.js';
import * as commands from './commands.js';
import * as forms from './forms.js';
import * as install from './install.js';
import * as uninstall from './uninstall.js';
import { inInstitution } from '../../../domain/institution.js';
import { SlackRoutes } from './routes.js';

/**
 * Every listener, in one table (Teams has the same one): the core's clicks, commands and forms, then what the
 * platform alone has — being invited to the staff channel, and App Home.
 */
const LISTENERS = [clicks, commands, forms, install, uninstall, appHome];

/**
 * Wires every listener, after the app-wide concerns: the institution a request is work of, Slack's retries and the
 * last-resort error handler.
 */
export function register(app: App, services: SlackServices): void {
  // Issue #17: everything a request does is work of the institution whose workspace sent it — named by `authorize`,
  // or looked up for the events Bolt does not authorize (the app removed from a workspace).
  app.use(async ({ context, next }) => {
    const institution = (context.institution as number | undefined) ?? (await services.workspaces.institutionOf(context.teamId));
    if (institution === null) return;
    await inInstitution(institution, next);
  });
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
  const routes = new SlackRoutes();
  for (const listener of LISTENERS) listener.register(app, services, routes);
  routes.mount(app);
}
