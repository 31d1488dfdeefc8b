import type { AppOverrides } from '../../../src/app.js';
import type { Inquiry } from '../../../src/domain/inquiry.js';
import { emailedRequest, eventually, seedStaff, startTestApp, type TestApp } from '../../support/app.js';
import { blockKitViolations } from './block-kit-limits.js';
import { FakeSlackApi } from './fake-slack-api.js';
import { slashCommand } from './payloads.js';
import { postCommand, SIGNING_SECRET } from './signed-requests.js';

export const STAFF_CHANNEL = 'C0STAFF01';

export interface SlackHarness {
  t: TestApp;
  api: FakeSlackApi;
  staff: Awaited<ReturnType<typeof seedStaff>>;
  /** `${app.url}/slack/events` */
  events: string;
  /** The ts of an inquiry's announcement, once the notifier has posted it. */
  announcementOf(inquiryId: string): Promise<string>;
  /** A freshly registered, announced inquiry claimed by `ownerId`. */
  claimedBy(ownerId: string): Promise<Inquiry>;
  /** Runs `/inquiry <input>` as `user`: the one private answer that came back on the response URL. */
  command(user: string, input: string): Promise<Record<string, any>>;
  stop(): Promise<void>;
}

/**
 * The whole service with Slack on, its Web API pointed at a local recorder, and the usual staff. `env` may be made
 * from the recorder (its OAuth pages' address).
 */
export async function startSlackHarness(overrides: AppOverrides = {}, environment: Record<string, string> | ((api: FakeSlackApi) => Record<string, string>) = {}): Promise<SlackHarness> {
  const api = await new FakeSlackApi().start();
  const env = typeof environment === 'function' ? environment(api) : environment;
  const t = await startTestApp({ notifiers: [], ...overrides }, undefined, {
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_STAFF_CHANNEL: STAFF_CHANNEL,
    SLACK_API_URL: api.apiUrl,
    // A Home republished after each change, as soon as the one before is out: the tests read it right after.
    SLACK_HOME_REFRESH_MS: '0',
    ...env,
  });
  const staff = await seedStaff(t.app);
  let hooks = 0;
  const announcementOf = (inquiryId: string) =>
    eventually(async () => {
      const [row] = await t.app.dataSource.query(
        `SELECT message_id FROM chat_posts WHERE platform = 'slack' AND inquiry_id = $1 AND purpose = 'announcement'`,
        [inquiryId],
      );
      expect(row).toBeDefined();
      return row.message_id as string;
    });
  return {
    t,
    api,
    staff,
    events: `${t.app.url}/slack/events`,
    announcementOf,
    async claimedBy(ownerId) {
      const { inquiry } = await t.app.inquiries.register(emailedRequest());
      await announcementOf(inquiry.id);
      return t.app.inquiries.claim(inquiry.id, ownerId);
    },
    async command(user, input) {
      const path = `/hooks/command-${++hooks}`;
      expect((await postCommand(`${t.app.url}/slack/events`, slashCommand(user, input, `${api.url}${path}`))).status).toBe(200);
      return eventually(() => {
        const found = api.hooks.filter((entry) => entry.path === path);
        expect(found).toHaveLength(1);
        expect(found[0]!.body.response_type).toBe('ephemeral');
        return found[0]!.body;
      });
    },
    async stop() {
      await t.stop();
      await api.stop();
    },
  };
}

/**
 * A file's harness with Aldona, an admin (audit log, subject access), beside the usual staff; after each test every
 * message the file sent, response URLs too, is checked against Block Kit's limits. `use` receives the harness.
 */
export function harnessWithAdmin(use: (harness: SlackHarness) => void): void {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
    await h.t.app.staff.importMembers([{ firstName: 'Aldona', surname: 'Administratorė', email: 'aldona@daigelis.lt', roles: ['admin'], slackUserId: 'UADMIN001' }]);
    use(h);
  });
  afterAll(() => h.stop());
  afterEach(() => expect(blockKitViolations([...h.api.calls, ...h.api.hooks.map((entry) => ({ method: 'response_url', body: entry.body, status: 200 }))])).toEqual([]));
}
