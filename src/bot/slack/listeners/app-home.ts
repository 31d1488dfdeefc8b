import type { App } from '@slack/bolt';
import type { SlackServices } from '../services.js';

/** App Home: the person's overview, kept current from then on (home.ts). */
export function register(app: App, services: SlackServices): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await services.homes.opened(event.user);
  });
}
