import type { RunningApp } from '../../src/app.js';
import type { StaffMember } from '../../src/domain/staff.js';
import { emailedRequest, eventually, ManualClock, startTestApp, type TestApp } from '../support/app.js';
import { FakeSlackApi } from '../slack/support/fake-slack-api.js';
import { SIGNING_SECRET } from '../slack/support/signed-requests.js';
import { installedInTeam, postActivity } from '../teams/support/activities.js';
import { FakeConnector } from '../teams/support/connector.js';
import { CAST, CAST_NAMES, castImport, emailOf, teamsIdOf, type CastName } from './cast.js';
import type { Driver, PlatformId } from './drivers/driver.js';
import { SlackDriver } from './drivers/slack.js';
import { TeamsDriver } from './drivers/teams.js';
import { SmtpReceiver } from '../support/smtp-receiver.js';

const STAFF_CHANNEL = 'C0STAFF01';
/** Monday 10:00 in Vilnius: office hours, so notices go out at once. */
export const MONDAY_MORNING = '2027-03-01T10:00:00+02:00';

/** One running app with both platforms on, the cast imported, and a driver per platform. */
export interface World {
  app: RunningApp;
  clock: ManualClock;
  staff: Record<CastName, StaffMember>;
  drivers: Record<PlatformId, Driver>;
  /** The platforms' stand-ins, for tests that read a message's markup rather than its neutral reading. */
  wire: { api: FakeSlackApi; connector: FakeConnector };
  /** The SMTP server client e-mail goes to, when the world was started `{ email: true }`; else null (no SMTP_URL). */
  smtp: SmtpReceiver | null;
  /** A freshly registered e-mailed request of its own client, announced on both platforms and settled. */
  newInquiry(overrides?: Record<string, unknown>): Promise<Awaited<ReturnType<RunningApp['inquiries']['register']>>['inquiry']>;
  /** Sets a cast member's `active` flag (the directory import is the only way, as in production). */
  setActive(name: CastName, active: boolean): Promise<void>;
  /** Waits until every outbox event is delivered and neither platform has been called for a moment. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

let sequence = 0;

export interface WorldOptions {
  /** Outgoing client e-mail on (capabilities.email): SMTP_URL points at a real SMTP server that records what it is sent. */
  email?: boolean;
}

export async function startWorld({ email = false }: WorldOptions = {}): Promise<World> {
  const api = await new FakeSlackApi().start();
  const connector = await new FakeConnector().start();
  const smtp = email ? await new SmtpReceiver().start() : null;
  const clock = new ManualClock(new Date(MONDAY_MORNING));
  const t: TestApp = await startTestApp({ clock }, undefined, {
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_STAFF_CHANNEL: STAFF_CHANNEL,
    SLACK_API_URL: api.apiUrl,
    TEAMS_EMULATOR: 'true',
    ...(smtp ? { SMTP_URL: smtp.url, MAIL_FROM: 'Daigelis <rastine@daigelis.lt>' } : {}),
  });
  const { app } = t;
  await app.staff.importMembers(castImport());
  connector.roster = CAST_NAMES.filter((name) => CAST[name].on.includes('teams')).map((name) => teamsIdOf(name));
  const installed = await postActivity(app.url, installedInTeam(connector.url, teamsIdOf('aldona')));
  if (installed.status !== 200) throw new Error(`Teams install answered ${installed.status}`);

  const { TypeormStaffRepository } = await import('../../src/persistence/staff.typeorm-repository.js');
  const repository = new TypeormStaffRepository(app.dataSource.manager);
  const staff = Object.fromEntries(await Promise.all(CAST_NAMES.map(async (name) => [name, (await repository.findByEmail(emailOf(name)))!] as const))) as Record<CastName, StaffMember>;

  const announcementOn = (platform: PlatformId) => (inquiryId: string) =>
    eventually(async () => {
      const [row] = await app.dataSource.query(`SELECT message_id FROM chat_posts WHERE platform = $1 AND inquiry_id = $2 AND purpose = 'announcement'`, [platform, inquiryId]);
      expect(row).toBeDefined();
      return row.message_id as string;
    });

  const settle = async () => {
    let calls = -1;
    for (let quiet = 0; quiet < 3; ) {
      await new Promise((resolve) => setTimeout(resolve, 60));
      const now = api.calls.length + api.hooks.length + connector.calls.length;
      const { pending } = await app.outbox.health();
      quiet = pending === 0 && now === calls ? quiet + 1 : 0;
      calls = now;
    }
  };

  return {
    app,
    clock,
    staff,
    wire: { api, connector },
    smtp,
    drivers: {
      slack: new SlackDriver({ api, events: `${app.url}/slack/events`, staffChannel: STAFF_CHANNEL, announcementOf: announcementOn('slack') }),
      teams: new TeamsDriver({ connector, appUrl: app.url, announcementOf: announcementOn('teams') }),
    },
    async newInquiry(overrides = {}) {
      sequence += 1;
      const { inquiry } = await app.inquiries.register(
        emailedRequest({ subject: `Dėl vietos ${sequence}`, client: { name: 'Giedrė Žemaitienė', email: `klientas${sequence}@example.lt`, phone: null, language: 'lt' }, ...overrides }),
      );
      await announcementOn('slack')(inquiry.id);
      await announcementOn('teams')(inquiry.id);
      await settle();
      return inquiry;
    },
    async setActive(name, active) {
      const [record] = castImport().filter((entry) => entry.email === emailOf(name));
      await app.staff.importMembers([{ ...record, active }]);
    },
    settle,
    async stop() {
      await t.stop();
      await api.stop();
      await connector.stop();
      await smtp?.stop();
    },
  };
}
