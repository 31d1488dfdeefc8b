import type { App } from '@slack/bolt';
import type { SlackServices } from '../services.js';

/**
 * The app invited to the staff channel: it says there what it will do and how to ask for help, as Teams does on
 * install. In a workspace installed for an institution that has no staff channel yet (issue #17), the first channel it
 * is invited to becomes the staff channel. Someone else joining, or the app joining another channel, says nothing.
 */
export function register(app: App, services: SlackServices): void {
  app.event('member_joined_channel', async ({ event, context }) => {
    if (event.user !== context.botUserId) return;
    if (!services.staffChannel()) await services.institutionSettings.adoptStaffChannel('slack', event.channel);
    if (event.channel !== services.staffChannel()) return;
    // A welcome that cannot be posted is logged, not retried: the channel works without it.
    await services.welcome('/inquiry help').catch((error: unknown) => services.logger.warn({ err: error }, 'slack: could not post the welcome'));
  });
}
