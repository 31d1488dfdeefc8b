import type { App } from '@slack/bolt';
import type { SlackServices } from '../services.js';

/**
 * Issue #17: the app removed from a workspace (`app_uninstalled`), or its bot token revoked (`tokens_revoked`): the
 * institution's installation is over. A revoked user token alone changes nothing: the app speaks with its bot token.
 */
export function register(app: App, services: SlackServices): void {
  app.event('app_uninstalled', async ({ context }) => services.uninstalled(context.teamId));
  app.event('tokens_revoked', async ({ event, context }) => {
    if ((event.tokens.bot ?? []).length > 0) await services.uninstalled(context.teamId);
  });
}
