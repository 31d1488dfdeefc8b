import type { AppOverrides } from '../../../src/app.js';
import { seedStaff, startTestApp, type TestApp } from '../../support/app.js';
import { FakeSlackApi } from './fake-slack-api.js';
import { SIGNING_SECRET } from './signed-requests.js';

export const STAFF_CHANNEL = 'C0STAFF01';

export interface SlackHarness {
  t: TestApp;
  api: FakeSlackApi;
  staff: Awaited<ReturnType<typeof seedStaff>>;
  /** `${app.url}/slack/events` */
  events: string;
  stop(): Promise<void>;
}

/** The whole service with Slack on, its Web API pointed at a local recorder, and the usual staff. */
export async function startSlackHarness(overrides: AppOverrides = {}, env: Record<string, string> = {}): Promise<SlackHarness> {
  const api = await new FakeSlackApi().start();
  const t = await startTestApp({ notifiers: [], ...overrides }, undefined, {
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_STAFF_CHANNEL: STAFF_CHANNEL,
    SLACK_API_URL: api.apiUrl,
    ...env,
  });
  const staff = await seedStaff(t.app);
  return {
    t,
    api,
    staff,
    events: `${t.app.url}/slack/events`,
    async stop() {
      await t.stop();
      await api.stop();
    },
  };
}
