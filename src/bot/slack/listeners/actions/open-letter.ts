import type { App } from '@slack/bolt';

/**
 * A link button (the printable letter) opens in the browser, yet Slack still sends its click: acked here so
 * Slack shows no error. There is nothing else to do.
 */
export function register(app: App): void {
  app.action('open_letter', async ({ ack }) => {
    await ack();
  });
}
